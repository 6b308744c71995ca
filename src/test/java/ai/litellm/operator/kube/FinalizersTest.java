package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #14.8: the Go operator's finalizer is taken over in place; no other finalizer is ever touched. */
class FinalizersTest {
  static Model with(String... finalizers) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withName("m").withFinalizers(finalizers).build());
    return m;
  }

  @Test
  void theGoOperatorsFinalizerCountsAsOursAndIsReplacedInPlace() {
    Model m = with("a.example/x", Finalizers.GO_OPERATOR, "b.example/y");
    assertTrue(Finalizers.has(m));
    assertEquals(List.of("a.example/x", Finalizers.NAME, "b.example/y"), Finalizers.withOurs(m));
    assertEquals(List.of(Finalizers.NAME), Finalizers.withOurs(with(Finalizers.NAME, Finalizers.GO_OPERATOR)));
    assertEquals(List.of("a.example/x", Finalizers.NAME), Finalizers.withOurs(with("a.example/x")));
  }

  @Test
  void removingOursRemovesTheGoOperatorsAndNothingElse() {
    assertEquals(List.of("a.example/x"), Finalizers.withoutOurs(with(Finalizers.GO_OPERATOR, "a.example/x",
        Finalizers.NAME)));
    assertFalse(Finalizers.has(with("a.example/x", "litellm-operator.example/finalizer")));
  }
}
