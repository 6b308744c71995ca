package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.2: deleting the instance first leaked its Models' LiteLLM rows. The instance had no finalizer, so it went
 * at once; each Model's finalizer then found no instance and was released without deleting its row (with an external
 * Postgres the rows outlive everything). Now the instance keeps its proxy until its Models have deleted their rows,
 * or until {@code --instance-deletion-grace} ends with a Warning Event naming the Models left. The embedded API server
 * has no namespace controller: a namespace deletion is played as what it does, deleting the instance and its Models
 * at once (instance first, the worst order).
 */
class InstanceDeletionOrderIT {
  static final String NS = "delorder";

  private static LiteLLMInstance instance(KubernetesClient c, String name) {
    return c.resources(LiteLLMInstance.class).inNamespace(NS).withName(name).get();
  }

  private static void readyModels(KubernetesClient c, String instance, String... models) {
    c.resource(SandboxFixture.instance(NS, instance)).create();
    for (String m : models) {
      c.resource(SandboxFixture.model(NS, m, instance, "openai/gpt-4o")).create();
    }
    for (String m : models) {
      eventually(m + " Ready", () -> ready(c, NS, m));
    }
  }

  @Test
  void deletingTheInstanceWithItsModelsDeletesTheRowsBeforeTheInstanceGoes() {
    try (Sandbox sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new)) {
      KubernetesClient c = sandbox.client();
      SandboxFixture.namespace(c, NS);
      readyModels(c, "proxy", "m1", "m2");
      FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
      assertEquals(1, rows(proxy, "m1"));
      eventually("the instance carries the operator's finalizer", () -> Finalizers.has(instance(c, "proxy")));

      c.resources(LiteLLMInstance.class).inNamespace(NS).withName("proxy").delete();
      c.resources(Model.class).inNamespace(NS).delete();

      eventually("the instance is gone", () -> instance(c, "proxy") == null);
      assertEquals(0, rows(proxy, "m1"), "m1's row was deleted before the instance went");
      assertEquals(0, rows(proxy, "m2"), "m2's row was deleted before the instance went");
      eventually("the Models are gone", () -> c.resources(Model.class).inNamespace(NS).list().getItems().isEmpty());
      assertEquals(List.of(), events(c, NS, "m1", "FinalizerReleased"), "no Model was released without its row");
    }
  }

  @Test
  void aModelThatDoesNotGoIsReleasedAfterTheBoundedWaitWithAnEvent() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.instanceDeletionGrace = Duration.ofSeconds(3);
    try (Sandbox sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new)) {
      KubernetesClient c = sandbox.client();
      SandboxFixture.namespace(c, NS);
      readyModels(c, "kept", "stays");
      eventually("the instance carries the operator's finalizer", () -> Finalizers.has(instance(c, "kept")));

      c.resources(LiteLLMInstance.class).inNamespace(NS).withName("kept").delete();
      eventually("the instance is released after the bounded wait", Duration.ofSeconds(60),
          () -> instance(c, "kept") == null);
      var left = events(c, NS, "kept", "ModelsLeft");
      assertEquals(1, left.size(), "one Warning Event: " + left);
      assertEquals("Warning", left.get(0).getType());
      assertTrue(left.get(0).getMessage().contains(NS + "/stays"), left.get(0).getMessage());
    }
  }
}
