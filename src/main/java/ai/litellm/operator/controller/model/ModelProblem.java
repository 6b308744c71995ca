package ai.litellm.operator.controller.model;

/**
 * A reason a Model cannot be synced right now, with the CamelCase condition reason the user sees and whether waiting
 * helps (transient: retry with backoff) or only a spec change does (permanent). A problem may also say that the
 * connection itself is gone (the instance or the connection Secret no longer exists): a Model being deleted then
 * releases its finalizer instead of waiting forever for a proxy nobody can reach.
 */
public final class ModelProblem extends RuntimeException {
  private final String reason;
  private final boolean permanent;
  private final boolean connectionGone;
  /** What a permanent problem waits for ({@link ParkedDependents}), or null. */
  private final String waitsOn;

  private ModelProblem(String reason, String message, boolean permanent, boolean connectionGone, String waitsOn) {
    super(message, null, false, false);
    this.reason = reason;
    this.permanent = permanent;
    this.connectionGone = connectionGone;
    this.waitsOn = waitsOn;
  }

  private ModelProblem(String reason, String message, boolean permanent, boolean connectionGone) {
    this(reason, message, permanent, connectionGone, null);
  }

  /**
   * The same problem, healed by a change of {@code dependency} (a {@link ParkedDependents} key): the parked Model is
   * looked at again as soon as that object changes.
   */
  ModelProblem waitingOn(String dependency) {
    return new ModelProblem(reason, getMessage(), permanent, connectionGone, dependency);
  }

  /** The {@link ParkedDependents} key of the object whose change may heal this problem, or null. */
  String waitsOn() {
    return waitsOn;
  }

  public static ModelProblem permanent(String reason, String message) {
    return new ModelProblem(reason, message, true, false);
  }

  public static ModelProblem transientProblem(String reason, String message) {
    return new ModelProblem(reason, message, false, false);
  }

  /** Transient for a live Model (the object may come back), final for one being deleted. */
  public static ModelProblem connectionGone(String reason, String message) {
    return new ModelProblem(reason, message, false, true);
  }

  public String reason() {
    return reason;
  }

  public boolean isPermanent() {
    return permanent;
  }

  public boolean isConnectionGone() {
    return connectionGone;
  }
}
