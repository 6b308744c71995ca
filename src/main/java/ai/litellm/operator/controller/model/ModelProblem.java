package ai.litellm.operator.controller.model;

/**
 * A reason a Model cannot be synced right now, with the CamelCase condition reason the user sees and whether waiting
 * helps (transient: retry with backoff) or only a spec change does (permanent).
 */
public final class ModelProblem extends RuntimeException {
  private final String reason;
  private final boolean permanent;

  private ModelProblem(String reason, String message, boolean permanent) {
    super(message, null, false, false);
    this.reason = reason;
    this.permanent = permanent;
  }

  public static ModelProblem permanent(String reason, String message) {
    return new ModelProblem(reason, message, true);
  }

  public static ModelProblem transientProblem(String reason, String message) {
    return new ModelProblem(reason, message, false);
  }

  public String reason() {
    return reason;
  }

  public boolean isPermanent() {
    return permanent;
  }
}
