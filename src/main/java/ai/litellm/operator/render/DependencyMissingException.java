package ai.litellm.operator.render;

/**
 * Something the spec references does not exist (a Secret, a key in a Secret, an operator setting). Unlike
 * {@link InvalidSpecException} it can heal without a spec change, so controllers re-render when the dependency appears.
 */
public final class DependencyMissingException extends RenderException {
  public static final String REASON = "DependencyMissing";

  public DependencyMissingException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return REASON;
  }
}
