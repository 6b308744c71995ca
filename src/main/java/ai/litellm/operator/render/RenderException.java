package ai.litellm.operator.render;

/**
 * A render failure caused by the input, not by the operator: retrying with the same input fails the same way, so
 * callers surface the message (it names the offending field or object) in a status condition instead of backing off.
 * Messages never contain secret values.
 */
public abstract class RenderException extends RuntimeException {
  protected RenderException(String message) {
    super(message);
  }

  /** A short CamelCase reason suitable for a Kubernetes condition (no spaces, matches the reason regex). */
  public abstract String reason();
}
