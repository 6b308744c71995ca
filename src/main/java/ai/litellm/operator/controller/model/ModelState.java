package ai.litellm.operator.controller.model;

import ai.litellm.operator.kube.EventMemo;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the operator remembers about one Model key beyond what Kubernetes and LiteLLM hold: created by the
 * model topic of the event log with the key's queue record and forgotten with it (a deleted Model once its last
 * reconcile settled, or every key of a namespace this replica stopped watching). Nothing here survives a restart, and
 * nothing needs to: the initial list reconciles every Model once and rebuilds it.
 *
 * <p>The reconciles of the key run one at a time; the drift detector's timer reads {@link #endpoint()} and
 * {@link #writtenWithin} and sets {@link #flagDrift()} from another thread, so those fields are volatile or atomic.
 */
public final class ModelState {
  /** The proxy the key last synced through: the drift detector lists each proxy once and knows whose models to expect. */
  private volatile LiteLLMEndpoint endpoint;
  /** What that proxy is, for messages ("LiteLLMInstance ns/name" or "Secret ns/name"; never the URL or key). */
  private volatile String proxyName;
  /** Set by the drift detector: the next reconcile talks to LiteLLM even though status says the payload is applied. */
  private final AtomicBoolean driftFlagged = new AtomicBoolean();
  /** When the reconciler last changed the key's model in LiteLLM (replicas may not show it for a while). */
  private volatile long lastLiteLLMWriteNanos;
  private volatile boolean written;
  /**
   * {@link ai.litellm.operator.render.ModelChangePlanner#visibleShape} of the payload last known to be in LiteLLM (on
   * the proxy it names), valid while {@link #appliedShapeKnown}: a change of hidden values alone (a rotated key) can
   * then be written without reading the model first. One long per key, not the body: 100k Models stay cheap.
   */
  private volatile long appliedShape;
  private volatile boolean appliedShapeKnown;
  /**
   * A call failed since the last successful sync: status may still name a payload that is no longer what LiteLLM holds
   * (a lost answer keeps the old hash), so status alone does not {@link #seedAppliedShape seed} the shape until a sync
   * succeeds again.
   */
  private volatile boolean callFailedSinceSync;
  /**
   * Credential param names the row may hold beyond what {@code status.appliedCredentialParams} records: those of a
   * payload status says is applied while the field is missing (written before it existed), and those of a write whose
   * answer was lost. Removing one of them needs delete + create, like a recorded one. Cleared when a status write after
   * a successful LiteLLM write records the names. Interned: a handful of distinct lists serve every key.
   */
  private volatile List<String> unrecordedCredentialParams = List.of();
  private static final ConcurrentHashMap<List<String>, List<String>> NAME_LISTS = new ConcurrentHashMap<>();
  /** The object whose change may heal the key's parked problem ({@link ParkedDependents}), or null. */
  private volatile String waitingOn;
  /** Events recently written on the Model: the Event a repeat counts on, and the repeats to drop. */
  private final EventMemo events = new EventMemo();

  LiteLLMEndpoint endpoint() {
    return endpoint;
  }

  String proxyName() {
    return proxyName;
  }

  void syncedThrough(LiteLLMEndpoint ep) {
    syncedThrough(ep, null);
  }

  void syncedThrough(LiteLLMEndpoint ep, String name) {
    endpoint = ep;
    proxyName = name;
  }

  /** Marks the key for a full sync on its next reconcile. */
  void flagDrift() {
    driftFlagged.set(true);
  }

  /** Consumes the drift mark. */
  boolean takeDriftFlag() {
    return driftFlagged.getAndSet(false);
  }

  boolean driftFlagged() {
    return driftFlagged.get();
  }

  void wroteToLiteLLM() {
    lastLiteLLMWriteNanos = System.nanoTime();
    written = true;
  }

  /** Whether the reconciler changed the model in LiteLLM within {@code grace}. */
  boolean writtenWithin(Duration grace) {
    return written && System.nanoTime() - lastLiteLLMWriteNanos < grace.toNanos();
  }

  /** Records the visible shape of the payload a successful sync left in LiteLLM. */
  void appliedShape(long shape) {
    appliedShape = shape;
    appliedShapeKnown = true;
    callFailedSinceSync = false;
  }

  /**
   * Records the shape of the payload status says is applied, unless a call of this process failed since its last
   * successful sync (then only a sync may say what LiteLLM holds).
   */
  void seedAppliedShape(long shape) {
    if (!callFailedSinceSync) {
      appliedShape = shape;
      appliedShapeKnown = true;
    }
  }

  boolean appliedShapeKnown() {
    return appliedShapeKnown;
  }

  /** Whether this process saw a payload of this visible shape applied, and nothing since said otherwise. */
  boolean appliedShapeIs(long shape) {
    return appliedShapeKnown && appliedShape == shape;
  }

  /** After a failed write the row may hold anything: read it before the next one. */
  void forgetAppliedShape() {
    appliedShapeKnown = false;
    callFailedSinceSync = true;
  }

  /** Adds names the row may hold that status does not record (see {@link #unrecordedCredentialParams}). */
  void mayHoldCredentialParams(List<String> names) {
    if (names.isEmpty() || unrecordedCredentialParams.containsAll(names)) {
      return;
    }
    TreeSet<String> union = new TreeSet<>(unrecordedCredentialParams);
    union.addAll(names);
    List<String> merged = List.copyOf(union);
    unrecordedCredentialParams = NAME_LISTS.computeIfAbsent(merged, k -> k);
  }

  /** The credential names the row may hold: those status records ({@code recorded}, null if none) and these. */
  List<String> credentialParamsInRow(List<String> recorded) {
    if (recorded == null || recorded.isEmpty()) {
      return unrecordedCredentialParams;
    }
    TreeSet<String> union = new TreeSet<>(recorded);
    union.addAll(unrecordedCredentialParams);
    return List.copyOf(union);
  }

  /** Status now records exactly what the row holds. */
  void credentialParamsRecorded() {
    unrecordedCredentialParams = List.of();
  }

  String waitingOn() {
    return waitingOn;
  }

  /**
   * Records what the parked key waits on (null: nothing) and returns what it waited on before; through
   * {@link ParkedDependents#waitOn}, which counts the waiting keys. The key's reconciles run one at a time.
   */
  String waitOn(String dependency) {
    String before = waitingOn;
    waitingOn = dependency;
    return before;
  }

  EventMemo events() {
    return events;
  }
}
