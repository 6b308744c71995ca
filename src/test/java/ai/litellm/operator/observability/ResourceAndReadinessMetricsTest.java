package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.metrics.ManagedResourceMetrics;
import ai.litellm.operator.metrics.ReadinessChecks;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResourceAndReadinessMetricsTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  static Model model(String name, String ready, String synced) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withGeneration(1L).build());
    if (ready != null) {
      m.setStatus(new ModelStatus());
      m.getStatus().conditions = Conditions.set(m.getStatus().conditions, "Ready", ready, "R", "m", 1L);
      if (synced != null) {
        m.getStatus().conditions = Conditions.set(m.getStatus().conditions, "Synced", synced, "R", "m", 1L);
      }
    }
    return m;
  }

  double gauge(String condition, String status) {
    return registry.get("litellm_operator_managed_resources").tag("kind", "Model").tag("condition", condition)
        .tag("status", status).gauge().value();
  }

  @Test
  void countsResourcesByConditionStatusWithMissingConditionsAsUnknown() {
    List<Model> cache = new ArrayList<>(List.of(model("a", "True", "True"), model("b", "True", null),
        model("c", "False", "False"), model("d", null, null)));
    ManagedResourceMetrics<Model> m = ManagedResourceMetrics.register(registry, "Model", () -> cache, ns -> true,
        x -> x.getStatus() == null ? null : x.getStatus().conditions, List.of("Ready", "Synced"));
    assertEquals(2, gauge("Ready", "True"));
    assertEquals(1, gauge("Ready", "False"));
    assertEquals(1, gauge("Ready", "Unknown"));
    assertEquals(1, gauge("Synced", "True"));
    assertEquals(1, gauge("Synced", "False"));
    assertEquals(2, gauge("Synced", "Unknown"));
    assertEquals(2, m.count("Ready", "True"));
    assertEquals(6, registry.find("litellm_operator_managed_resources").gauges().size(),
        "2 condition types x 3 statuses, nothing per object");
  }

  @Test
  void readinessChecksDefaultOwnershipToKnownAndLetShardingReplaceIt() {
    AtomicBoolean synced = new AtomicBoolean(false);
    ReadinessChecks checks = new ReadinessChecks(registry)
        .registerGroup("operator", () -> Map.of("modelInformersSynced", synced.get()));
    assertEquals(Map.of("ownershipKnown", true, "modelInformersSynced", false), checks.get());
    assertFalse(checks.ready());
    assertEquals(0.0, registry.get("litellm_operator_ready").tag("check", "modelInformersSynced").gauge().value());
    synced.set(true);
    assertTrue(checks.ready());
    assertEquals(1.0, registry.get("litellm_operator_ready").tag("check", "modelInformersSynced").gauge().value());

    AtomicBoolean leaseKnown = new AtomicBoolean(false);
    checks.register(ReadinessChecks.OWNERSHIP_KNOWN, leaseKnown::get);
    assertFalse(checks.ready(), "the sharding code's answer replaces the default");
    assertEquals(0.0, registry.get("litellm_operator_ready").tag("check", "ownershipKnown").gauge().value());
    checks.register("broken", () -> {
      throw new IllegalStateException("boom");
    });
    leaseKnown.set(true);
    assertEquals(false, checks.get().get("broken"), "a throwing check fails instead of breaking /readyz");
  }
}
