package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.AppliedEndpoint;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.api.SharingSerialization;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.StatusComparison;
import ai.litellm.operator.render.KeyedHash;
import ai.litellm.operator.render.ModelPayload;
import java.util.List;
import java.util.Optional;

/**
 * The Model's status as a pure function of what the reconcile found. Conditions: {@code Ready} (usable through
 * LiteLLM), {@code Synced} (LiteLLM matches the spec) and {@code ProxyReachable} (the proxy answers). {@code status.appliedPayloadHash} records the payload that
 * was applied: the status is the operator's only durable memory of what it sent (reads from LiteLLM strip
 * credentials), and it lets a restarted operator skip every Model whose payload did not change.
 */
final class ModelStatuses {
  static final String READY = "Ready";
  static final String SYNCED = "Synced";
  /** Whether the Model's LiteLLM proxy answers (drift passes and calls; issue #14.5). */
  static final String PROXY_REACHABLE = "ProxyReachable";
  /** Ready's reason while a deleting Model's LiteLLM model cannot be deleted yet (the finalizer holds; retried). */
  static final String DELETION_BLOCKED = "DeletionBlocked";
  /** Ready's reason while the referenced LiteLLMInstance cannot serve (issue #14.1). */
  static final String INSTANCE_NOT_READY = "InstanceNotReady";
  /** Ready's (and ProxyReachable's) reason while the proxy does not answer. */
  static final String LITELLM_UNAVAILABLE = "LiteLLMUnavailable";

  private ModelStatuses() {}

  /** The payload hash the status records as applied, if it is Synced for the current generation. */
  static Optional<String> appliedHash(Model m) {
    ModelStatus s = m.getStatus();
    if (s == null || s.appliedPayloadHash == null || s.observedGeneration == null
        || !s.observedGeneration.equals(m.getMetadata().getGeneration())
        || !Conditions.isTrue(s.conditions, SYNCED)) {
      return Optional.empty();
    }
    return Optional.of(s.appliedPayloadHash);
  }

  /**
   * Whether the status records exactly {@code desired} as applied under its id, for the current generation.
   *
   * @param hash the install's keyed hash: status holds the payload hash keyed, never the plain one
   */
  static boolean applied(Model m, ModelPayload desired, KeyedHash hash) {
    return appliedHash(m).map(h -> h.equals(hash.of(desired.payloadHash()))).orElse(false)
        && desired.modelId().equals(m.getStatus().modelId);
  }

  /** Whether the status says Synced=True for the Model's generation: the last sync of this spec succeeded. */
  static boolean syncedNow(Model m) {
    ModelStatus s = m.getStatus();
    return s != null && s.observedGeneration != null && s.observedGeneration == generation(m)
        && Conditions.isTrue(s.conditions, SYNCED);
  }

  /** Whether the status says Ready=True for {@code generation}. */
  static boolean readyAt(Model m, long generation) {
    ModelStatus s = m.getStatus();
    return s != null && s.observedGeneration != null && s.observedGeneration == generation
        && Conditions.isTrue(s.conditions, READY);
  }

  /**
   * @param appliedHash the keyed hash of the applied payload
   * @param credentialParams the credential param names just written to LiteLLM; null when nothing was written (the
   *     recorded names stay: they describe the row, and a Model synced before they were recorded gets them with its
   *     next write rather than a status write each on upgrade)
   */
  static ModelStatus synced(Model m, String modelId, String modelName, LiteLLMParams statusParams, String appliedHash,
      String where, AppliedEndpoint appliedTo, List<String> credentialParams) {
    ModelStatus s = copy(m.getStatus());
    s.appliedEndpoint = appliedTo;
    if (credentialParams != null) {
      s.appliedCredentialParams = credentialParams.isEmpty() ? null : List.copyOf(credentialParams);
    }
    long gen = generation(m);
    s.modelId = modelId;
    s.modelName = modelName;
    s.litellmParams = statusParams;
    s.appliedPayloadHash = appliedHash;
    s.observedGeneration = gen;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.TRUE, "Synced",
        "served by " + where, gen);
    s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.TRUE, "Synced",
        "LiteLLM matches the spec", gen);
    s.conditions = Conditions.set(s.conditions, PROXY_REACHABLE, Conditions.TRUE, "Reachable",
        "the LiteLLM proxy answers", gen);
    return s;
  }

  /**
   * A failure keeps what was applied (modelId, params) and says why it is not in sync; a proxy that did not answer
   * also says so in ProxyReachable.
   */
  static ModelStatus failed(Model m, String reason, String message) {
    ModelStatus s = copy(m.getStatus());
    long gen = generation(m);
    s.observedGeneration = gen;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, reason, message, gen);
    s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.FALSE, reason, message, gen);
    if (LITELLM_UNAVAILABLE.equals(reason)) {
      s.conditions = Conditions.set(s.conditions, PROXY_REACHABLE, Conditions.FALSE, reason, message, gen);
    }
    return s;
  }

  /**
   * The Model cannot be served although nothing is wrong with it: its instance cannot serve ({@link
   * #INSTANCE_NOT_READY}) or its proxy stopped answering ({@link #LITELLM_UNAVAILABLE}, ProxyReachable False too).
   * Ready says why; Synced keeps its truth when the current generation was applied (nothing needs doing once the
   * instance or proxy is back, so Ready returns without a LiteLLM write), else says the spec waits for the same cause.
   */
  static ModelStatus notServing(Model m, String reason, String message) {
    ModelStatus s = copy(m.getStatus());
    long gen = generation(m);
    boolean syncedNow = Conditions.find(s.conditions, SYNCED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()) && Long.valueOf(gen).equals(c.getObservedGeneration()))
        .isPresent();
    s.observedGeneration = gen;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, reason, message, gen);
    if (!syncedNow) {
      s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.FALSE, reason, message, gen);
    }
    if (LITELLM_UNAVAILABLE.equals(reason)) {
      s.conditions = Conditions.set(s.conditions, PROXY_REACHABLE, Conditions.FALSE, reason, message, gen);
    }
    return s;
  }

  /**
   * A deleting Model whose LiteLLM model cannot be deleted yet: Ready says the deletion is blocked (short: the message is
   * stored and sent to every watcher), Synced carries the cause.
   */
  static ModelStatus deletionBlocked(Model m, String reason, String message) {
    ModelStatus s = copy(m.getStatus());
    long gen = generation(m);
    s.observedGeneration = gen;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, DELETION_BLOCKED,
        "being deleted; the LiteLLM model is not deleted yet (" + reason + "), retrying", gen);
    s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.FALSE, reason, message, gen);
    return s;
  }

  /** Whether {@code next} differs from what is stored, ignoring timestamps (status is written only on change). */
  static boolean changed(ModelStatus current, ModelStatus next) {
    return StatusComparison.changed(current, next);
  }

  static ModelStatus stamp(ModelStatus s) {
    s.lastUpdated = Conditions.now();
    return s;
  }

  private static ModelStatus copy(ModelStatus s) {
    return s == null ? new ModelStatus() : SharingSerialization.copy(s);
  }

  private static long generation(Model m) {
    return m.getMetadata().getGeneration() == null ? 0L : m.getMetadata().getGeneration();
  }
}
