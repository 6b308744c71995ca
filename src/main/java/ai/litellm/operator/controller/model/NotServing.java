package ai.litellm.operator.controller.model;

/**
 * Why a Model cannot be served now, for a cause outside it (its instance, its proxy): not a failure of the Model. The
 * reconciler writes Ready=False with {@link #reason()} once per transition, records no Event of the Model's own and
 * does not retry: the cause's change wakes the key.
 */
final class NotServing extends RuntimeException {
  private final String reason;

  NotServing(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
