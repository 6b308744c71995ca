package ai.litellm.operator.render;

/** The spec itself is wrong (missing or unparsable field, duplicates, contradictions); fixed only by editing the CR. */
public final class InvalidSpecException extends RenderException {
  public static final String REASON = "InvalidSpec";

  public InvalidSpecException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return REASON;
  }
}
