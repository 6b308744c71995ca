package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.ModelStatus;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

class StatusComparisonTest {
  private static ModelStatus status(String message, String transition, String lastUpdated) {
    ModelStatus s = new ModelStatus();
    s.observedGeneration = 3L;
    s.lastUpdated = lastUpdated;
    s.modelId = "k8s-1";
    s.litellmParams = new LiteLLMParams();
    s.litellmParams.model = "openai/gpt-4o";
    s.litellmParams.rpm = 600;
    s.conditions = Conditions.set(null, "Ready", Conditions.TRUE, "Synced", message, 3L);
    for (Condition c : s.conditions) {
      c.setLastTransitionTime(transition);
    }
    return s;
  }

  @Test
  void onlyTheClocksMovingIsNoChange() {
    assertFalse(StatusComparison.changed(status("served", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        status("served", "2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z")));
  }

  @Test
  void anyOtherFieldIsAChange() {
    ModelStatus base = status("served", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    assertTrue(StatusComparison.changed(base, status("served by another", "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z")));
    ModelStatus rpm = status("served", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    rpm.litellmParams.rpm = 601;
    assertTrue(StatusComparison.changed(base, rpm));
    ModelStatus generation = status("served", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    generation.observedGeneration = 4L;
    assertTrue(StatusComparison.changed(base, generation));
    assertTrue(StatusComparison.changed(null, base));
    assertFalse(StatusComparison.changed(null, new ModelStatus()), "an empty status is no status");
  }
}
