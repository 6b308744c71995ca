package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Model pointing at a LiteLLMInstance is created in that instance's proxy, becomes Ready, and goes away cleanly. */
class ModelLifecycleIT {
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, "team-a");
    c.resource(SandboxFixture.instance("team-a", "proxy")).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void modelIsCreatedInLiteLLMAndBecomesReady() {
    c.resource(SandboxFixture.model("team-a", "gpt-4o", "proxy", "openai/gpt-4o")).create();
    eventually("Model Ready", () -> {
      Model m = c.resources(Model.class).inNamespace("team-a").withName("gpt-4o").get();
      return m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
    });
    FakeLiteLLM proxy = sandbox.proxies().proxy("team-a", "proxy");
    JsonObject stored = proxy.models().stream().filter(j -> "gpt-4o".equals(j.getString("model_name"))).findFirst()
        .orElseThrow();
    Model m = c.resources(Model.class).inNamespace("team-a").withName("gpt-4o").get();
    assertEquals(m.getStatus().modelId, stored.getJsonObject("model_info").getString("id"));
    assertEquals("openai/gpt-4o", stored.getJsonObject("litellm_params").getString("model"));
    assertTrue(m.getMetadata().getFinalizers().contains("litellm.litellm.ai/finalizer"));

    c.resource(m).delete();
    eventually("Model gone", () -> c.resources(Model.class).inNamespace("team-a").withName("gpt-4o").get() == null);
    eventually("LiteLLM model deleted", () -> proxy.models().stream()
        .noneMatch(j -> "gpt-4o".equals(j.getString("model_name"))));
  }

  @Test
  void instanceBecomesReady() {
    eventually("instance Ready", java.time.Duration.ofSeconds(20), () -> {
      LiteLLMInstance i = c.resources(LiteLLMInstance.class).inNamespace("team-a").withName("proxy").get();
      return i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions, "Ready");
    }, () -> io.fabric8.kubernetes.client.utils.Serialization.asYaml(
        c.resources(LiteLLMInstance.class).inNamespace("team-a").withName("proxy").get()));
  }
}
