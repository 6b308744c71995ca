package ai.litellm.operator.controller.model;

import io.micrometer.core.instrument.Counter;
import ai.litellm.operator.metrics.SpecToReadyClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model controller metrics: sync outcomes, failure reasons, drift found and repaired, and the spec-change-to-Ready
 * clock (bounded label values: outcome and reason are fixed sets from the controller).
 */
public final class ModelMetrics {
  /** The condition reasons of a failed LiteLLM call. */
  static final List<String> LITELLM_REASONS = List.of("LiteLLMUnavailable", "RateLimited", "Unauthorized",
      "LiteLLMRejected", "LiteLLMError");
  private final MeterRegistry registry;
  private final Map<SyncOutcome, Counter> outcomes = new EnumMap<>(SyncOutcome.class);
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Counter driftDetected;
  private final Counter orphansDeleted;
  private final Counter driftRepaired;
  private final SpecToReadyClock specToReady;

  public ModelMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (SyncOutcome o : SyncOutcome.values()) {
      outcomes.put(o, Counter.builder("litellm_operator_model_syncs").description("Model syncs by outcome")
          .tag("outcome", o.name().toLowerCase()).register(registry));
    }
    driftDetected = Counter.builder("litellm_operator_drift_detected")
        .description("Models found missing or different in LiteLLM by the drift detector").register(registry);
    orphansDeleted = Counter.builder("litellm_operator_drift_orphans_deleted")
        .description("LiteLLM models with the operator's marker whose Model resource is gone, deleted").register(registry);
    driftRepaired = Counter.builder("litellm_operator_drift_repaired")
        .description("Models flagged by the drift detector that were re-created or patched in LiteLLM").register(registry);
    specToReady = new SpecToReadyClock(registry, "Model");
    // Pre-registered at 0 so the overview's "sync failures by reason" panel reads 0, not "no data", before the first
    // failure: the reasons of LiteLLM's answers (ModelReconciler.classify); the others appear at their first failure.
    LITELLM_REASONS.forEach(this::failureCounter);
  }

  public void synced(SyncOutcome o) {
    outcomes.get(o).increment();
  }

  /** Reasons are CamelCase constants from the controller, a small fixed set. */
  public void failed(String reason) {
    failureCounter(reason).increment();
  }

  private Counter failureCounter(String reason) {
    return failures.computeIfAbsent(reason, r -> Counter.builder("litellm_operator_model_sync_failures")
        .description("Model reconcile failures by condition reason").tag("reason", r).register(registry));
  }

  public void driftDetected(int n) {
    driftDetected.increment(n);
  }

  public void orphanDeleted() {
    orphansDeleted.increment();
  }

  public void driftRepaired() {
    driftRepaired.increment();
  }

  /** The clock from a Model's spec change to its Ready status. */
  public SpecToReadyClock specToReady() {
    return specToReady;
  }

  public double count(SyncOutcome o) {
    return outcomes.get(o).count();
  }
}
