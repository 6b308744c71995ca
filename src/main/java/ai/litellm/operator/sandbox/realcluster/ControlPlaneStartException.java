package ai.litellm.operator.sandbox.realcluster;

import java.nio.file.Path;

/**
 * Starting a control plane failed. Its processes are already stopped; the run directory is kept (whatever
 * {@link RealControlPlaneOptions#keepRunDir()} says) so the component logs under {@link #logsDir()} can be read or
 * copied. The caller owns deleting it.
 */
public class ControlPlaneStartException extends RealControlPlaneException {

  private final transient Path runDir;

  public ControlPlaneStartException(String message, Path runDir, Throwable cause) {
    super(message + " (run dir kept: " + runDir + ")", cause);
    this.runDir = runDir;
  }

  public Path runDir() {
    return runDir;
  }

  public Path logsDir() {
    return runDir.resolve(RealControlPlane.LOGS_DIR_NAME);
  }
}
