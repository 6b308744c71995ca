package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.writes;
import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.controller.model.ModelController;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.5: after four failed drift passes against a dead proxy its Models still said Ready=True/Synced, and the
 * failures were only INFO log lines. Now, after {@code --unreachable-after-passes} (3) failed passes, every Model of
 * the proxy says Ready=False {@code LiteLLMUnavailable} and ProxyReachable=False, one Warning Event is recorded for the
 * proxy (not one per Model), and one answered pass brings them back to Ready=True without a LiteLLM write.
 */
class ProxyUnreachableIT {
  static final String NS = "unreachable";
  static Sandbox sandbox;
  static KubernetesClient c;
  static ModelController models;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    models = sandbox.operator().operator().models();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Condition condition(String model, String type) {
    return Conditions.find(get(c, NS, model).getStatus().conditions, type).orElseThrow();
  }

  private static List<Event> warnings() {
    return c.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "LiteLLMUnavailable".equals(e.getReason())).toList();
  }

  @Test
  void aDeadProxyTurnsItsModelsNotReadyAfterTheConfiguredPassesWithOneEventAndTheyComeBack() {
    c.resource(SandboxFixture.instance(NS, "dead")).create();
    List<String> names = List.of("d1", "d2", "d3");
    for (String name : names) {
      c.resource(SandboxFixture.model(NS, name, "dead", "openai/gpt-4o")).create();
    }
    for (String name : names) {
      eventually(name + " Ready", () -> ready(c, NS, name));
    }
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "dead");
    await(proxy.stopServer());
    try {
      await(models.runDriftPass());
      await(models.runDriftPass());
      for (String name : names) {
        assertTrue(ready(c, NS, name), name + " is still Ready after 2 of 3 failed passes");
      }

      await(models.runDriftPass());
      for (String name : names) {
        eventually(name + " LiteLLMUnavailable", () -> "LiteLLMUnavailable".equals(reason(c, NS, name, "Ready")));
        assertEquals("False", condition(name, "Ready").getStatus());
        assertEquals("False", condition(name, "ProxyReachable").getStatus());
        assertEquals("LiteLLMUnavailable", condition(name, "ProxyReachable").getReason());
        assertEquals("True", condition(name, "Synced").getStatus(), "LiteLLM's copy still matches the spec");
      }
      if (KubectlGet.available()) {
        String wide = KubectlGet.modelWide(sandbox, NS, "d2");
        assertTrue(KubectlGet.shows(wide, "d2", "False", "LiteLLMUnavailable"), wide);
      }
      eventually("one Warning Event for the proxy", () -> warnings().size() == 1);
      Event warning = warnings().get(0);
      assertEquals("Warning", warning.getType());
      assertTrue(warning.getMessage().contains("LiteLLMInstance " + NS + "/dead"), warning.getMessage());
      assertTrue(warning.getMessage().contains("3 Model(s)"), warning.getMessage());

      await(models.runDriftPass()); // still dead: no new Event, no status change
      String before = get(c, NS, "d1").getMetadata().getResourceVersion();
      await(models.runDriftPass());
      assertEquals(1, warnings().size(), "one Event per proxy and outage");
      assertEquals(before, get(c, NS, "d1").getMetadata().getResourceVersion(), "no status write per pass");
    } finally {
      await(proxy.restartServer());
    }
    proxy.resetCalls();
    await(models.runDriftPass());
    for (String name : names) {
      eventually(name + " Ready again", () -> ready(c, NS, name));
      assertEquals("True", condition(name, "ProxyReachable").getStatus());
    }
    assertEquals(0, writes(proxy).size(), "back without a LiteLLM write: " + writes(proxy));
  }
}
