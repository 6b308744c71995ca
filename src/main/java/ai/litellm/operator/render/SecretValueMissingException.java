package ai.litellm.operator.render;

/**
 * A Secret a spec references exists but lacks what the spec needs from it: a key the spec names
 * ({@value #KEY_MISSING}) or any value at all ({@value #INCOMPLETE}). It heals when the Secret is fixed, without a spec
 * change. The message names the Secret and the keys, never a value.
 */
public final class SecretValueMissingException extends RenderException {
  public static final String KEY_MISSING = "SecretKeyMissing";
  public static final String INCOMPLETE = "SecretIncomplete";

  private final String reason;

  private SecretValueMissingException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public static SecretValueMissingException keyMissing(String message) {
    return new SecretValueMissingException(KEY_MISSING, message);
  }

  public static SecretValueMissingException incomplete(String message) {
    return new SecretValueMissingException(INCOMPLETE, message);
  }

  @Override
  public String reason() {
    return reason;
  }
}
