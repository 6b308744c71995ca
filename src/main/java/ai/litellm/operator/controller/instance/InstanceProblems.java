package ai.litellm.operator.controller.instance;

import ai.litellm.operator.render.RenderException;

/** Why an instance cannot be applied right now although its spec may be fine; each heals without a spec change. */
final class InstanceProblems {
  private InstanceProblems() {}

  /**
   * The instance ran before (its Deployment exists) but its salt key Secret is gone: a new salt key would make every
   * credential LiteLLM stored encrypted in its database unreadable, so nothing is rolled until the Secret is restored.
   */
  static RenderException saltKeyMissing(String message) {
    return new Problem("SaltKeyMissing", message);
  }

  /** An object with a child's name exists and is not this instance's (see {@link ChildOwnership}). */
  static RenderException childConflict(String message) {
    return new Problem("ChildConflict", message);
  }

  private static final class Problem extends RenderException {
    private final String reason;

    Problem(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    @Override
    public String reason() {
      return reason;
    }
  }
}
