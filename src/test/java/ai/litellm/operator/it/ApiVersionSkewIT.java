package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrades and rollbacks: a Model written by a newer CRD version carries spec and status fields this operator does not
 * know. It is reconciled like any other, the fields are kept (a status write never drops them), and the Model watch
 * keeps working for every other Model. (Before unknown fields were tolerated, one such Model stopped the Model
 * informer for good: no later Model got a status, while /readyz said 200.)
 */
class ApiVersionSkewIT {
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.startWithoutSchemaAdmission(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, "skew");
    c.resource(SandboxFixture.instance("skew", "proxy")).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static GenericKubernetesResource newerModel(String name) {
    Map<String, Object> obj = Map.of(
        "apiVersion", "litellm.litellm.ai/v1alpha1", "kind", "Model",
        "metadata", Map.of("namespace", "skew", "name", name),
        "spec", Map.of("modelName", name, "futureField", "from a newer CRD",
            "connectionRef", Map.of("instanceRef", Map.of("name", "proxy")),
            "litellmParams", Map.of("model", "openai/gpt-4o", "futureParam", 7)));
    return Serialization.unmarshal(Serialization.asJson(obj), GenericKubernetesResource.class);
  }

  private static Model model(String name) {
    return c.resources(Model.class).inNamespace("skew").withName(name).get();
  }

  private static boolean ready(String name) {
    Model m = model(name);
    return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
  }

  @Test
  void aModelWithUnknownFieldsIsSyncedKeepsThemAndDoesNotStopTheWatch() {
    c.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace("skew")
        .resource(newerModel("newer")).create();
    eventually("the newer-shaped Model Ready", Duration.ofSeconds(60), () -> ready("newer"));
    c.resource(SandboxFixture.model("skew", "plain", "proxy", "openai/gpt-4o-mini")).create();
    eventually("a Model created after it is still reconciled", Duration.ofSeconds(60), () -> ready("plain"));

    // A newer operator (before a rollback) wrote a status field this one does not know; then the spec changes and
    // this operator writes the status again.
    var generic = c.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace("skew");
    GenericKubernetesResource before = generic.withName("newer").get();
    @SuppressWarnings("unchecked")
    Map<String, Object> oldStatus = new java.util.LinkedHashMap<>(
        (Map<String, Object>) before.getAdditionalProperties().get("status"));
    oldStatus.put("futureStatus", "written by a newer operator");
    before.getAdditionalProperties().put("status", oldStatus);
    generic.resource(before).updateStatus();
    Model m = model("newer");
    m.getSpec().litellmParams.rpm = 60;
    c.resource(m).update();
    eventually("the new generation Ready", Duration.ofSeconds(60), () -> {
      Model now = model("newer");
      return ready("newer") && now.getStatus().observedGeneration.equals(now.getMetadata().getGeneration())
          && now.getStatus().litellmParams.rpm != null;
    });
    GenericKubernetesResource stored = generic.withName("newer").get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) stored.getAdditionalProperties().get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) stored.getAdditionalProperties().get("status");
    assertEquals("from a newer CRD", spec.get("futureField"));
    assertEquals("written by a newer operator", status.get("futureStatus"), "the status write kept the field");
    assertTrue(status.containsKey("modelId"), "and added ours");
    assertFalse(Serialization.asJson(status.get("litellmParams")).contains("futureParam"),
        "status shows only the params this operator understands");
    assertTrue(sandbox.operator().readinessChecks().get().get("informersWatching"));
  }
}
