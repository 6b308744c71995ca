package ai.litellm.operator.sandbox.realcluster;

/** A real control plane could not be provisioned, started, probed or stopped. */
public class RealControlPlaneException extends RuntimeException {

  public RealControlPlaneException(String message) {
    super(message);
  }

  public RealControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
