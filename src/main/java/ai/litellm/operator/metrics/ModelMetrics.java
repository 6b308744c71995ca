package ai.litellm.operator.metrics;

import ai.litellm.operator.controller.model.SyncOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Model controller counters: sync outcomes, failure reasons, drift found and repaired (bounded label values). */
public final class ModelMetrics {
  private final MeterRegistry registry;
  private final Map<SyncOutcome, Counter> outcomes = new EnumMap<>(SyncOutcome.class);
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Counter driftDetected;
  private final Counter orphansDeleted;

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
  }

  public void synced(SyncOutcome o) {
    outcomes.get(o).increment();
  }

  /** Reasons are CamelCase constants from the controller, a small fixed set. */
  public void failed(String reason) {
    failures.computeIfAbsent(reason, r -> Counter.builder("litellm_operator_model_sync_failures")
        .description("Model reconcile failures by condition reason").tag("reason", r).register(registry)).increment();
  }

  public void driftDetected(int n) {
    driftDetected.increment(n);
  }

  public void orphanDeleted() {
    orphansDeleted.increment();
  }

  public double count(SyncOutcome o) {
    return outcomes.get(o).count();
  }
}
