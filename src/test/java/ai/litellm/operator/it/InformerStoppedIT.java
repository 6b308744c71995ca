package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An informer that stops watching on its own is not a silent failure: /readyz fails (check informersWatching) and the
 * gauge litellm_operator_ready{check="informersWatching"} drops to 0, which the InformerStopped alert watches. The
 * embedded API server does not validate, so it can store a Model whose field has a type no operator version reads.
 */
class InformerStoppedIT {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.startWithoutSchemaAdmission(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    SandboxFixture.namespace(sandbox.client(), "broken");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void anInformerThatStopsFailsReadinessAndTheGauge() {
    Map<String, Object> obj = Map.of("apiVersion", "litellm.litellm.ai/v1alpha1", "kind", "Model",
        "metadata", Map.of("namespace", "broken", "name", "unreadable"),
        "spec", Map.of("modelName", Map.of("not", "a string")));
    sandbox.client().genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace("broken")
        .resource(Serialization.unmarshal(Serialization.asJson(obj), GenericKubernetesResource.class)).create();
    eventually("/readyz reports the stopped informer", Duration.ofSeconds(60),
        () -> !sandbox.operator().readinessChecks().get().get("informersWatching"));
    assertFalse(sandbox.operator().readinessChecks().ready());
    assertEquals(0.0, sandbox.operator().registry().get("litellm_operator_ready").tag("check", "informersWatching")
        .gauge().value());
  }
}
