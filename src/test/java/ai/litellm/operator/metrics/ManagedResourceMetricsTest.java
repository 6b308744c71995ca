package ai.litellm.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Only the replica that owns a namespace counts its objects (issue #16: stand-bys were counted twice). */
class ManagedResourceMetricsTest {

  static Model model(String ns, String name, String ready) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    m.setStatus(new ModelStatus());
    m.getStatus().conditions = Conditions.set(m.getStatus().conditions, "Ready", ready, "R", "m", 1L);
    return m;
  }

  @Test
  void aWarmStandByCountsNothingAndAnOwnerCountsOnlyItsNamespaces() {
    List<Model> cache = List.of(model("a", "m1", "True"), model("a", "m2", "False"), model("b", "m3", "True"));
    AtomicReference<Set<String>> owned = new AtomicReference<>(Set.of());
    ManagedResourceMetrics<Model> m = new ManagedResourceMetrics<>(() -> cache, ns -> owned.get().contains(ns),
        x -> x.getStatus().conditions, List.of("Ready"), Duration.ZERO, System::nanoTime);
    assertEquals(0, m.count("Ready", "True") + m.count("Ready", "False") + m.count("Ready", "Unknown"),
        "stand-by: caches full, nothing counted");
    owned.set(Set.of("a"));
    assertEquals(1, m.count("Ready", "True"));
    assertEquals(1, m.count("Ready", "False"));
    owned.set(Set.of("a", "b"));
    assertEquals(2, m.count("Ready", "True"));
  }
}
