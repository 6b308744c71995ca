package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.testing.Await;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13.3: a parked Model heals as soon as what it waits on changes, without a spec change and without waiting for
 * the slow re-check (the resync period here is 30 minutes): a ModelIdConflict when the Model that holds the id is
 * deleted (seen before the fix: the winner's deletion removed the id from LiteLLM, and the parked Model never
 * re-created it), a CrossNamespaceReference to an instance when the instance gets the grant annotation.
 */
class ParkedModelHealsIT {
  static final String NS = "heals";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
    SandboxFixture.namespace(c, "heals-shared");
    c.resource(SandboxFixture.instance("heals-shared", "shared-proxy")).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Model claiming(String name, String id) {
    Model m = SandboxFixture.model(NS, name, "proxy", "openai/gpt-4o");
    m.getSpec().modelInfo = new ModelInfo();
    m.getSpec().modelInfo.id = id;
    return m;
  }

  private static List<JsonObject> rowsWithId(FakeLiteLLM proxy, String id) {
    return proxy.models().stream()
        .filter(j -> j.getJsonObject("model_info") != null && id.equals(j.getJsonObject("model_info").getString("id")))
        .toList();
  }

  @Test
  void theParkedModelTakesTheIdOverWhenTheWinnerIsDeletedAndIsNotSweptAsAnOrphan() {
    c.resource(claiming("winner", "shared-id")).create();
    eventually("winner Ready", Duration.ofSeconds(60), () -> ready(c, NS, "winner"));
    c.resource(claiming("loser", "shared-id")).create();
    eventually("loser parked on ModelIdConflict", Duration.ofSeconds(60),
        () -> "ModelIdConflict".equals(reason(c, NS, "loser", "Ready")));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");

    c.resource(get(c, NS, "winner")).delete();
    eventually("winner gone", Duration.ofSeconds(60), () -> get(c, NS, "winner") == null);
    eventually("the parked Model is created in LiteLLM and Ready", Duration.ofSeconds(20),
        () -> ready(c, NS, "loser"), () -> "loser Ready " + reason(c, NS, "loser", "Ready") + ", rows "
            + rowsWithId(proxy, "shared-id"));
    List<JsonObject> rows = rowsWithId(proxy, "shared-id");
    assertEquals(1, rows.size(), "one model with the id: " + rows);
    assertEquals("loser", rows.get(0).getString("model_name"));

    await(sandbox.operator().operator().models().runDriftPass()); // an orphan must be seen in two passes in a row
    await(sandbox.operator().operator().models().runDriftPass());
    Await.sleep(500);
    assertEquals(1, rowsWithId(proxy, "shared-id").size(), "the loser's model is not swept as an orphan");
    assertTrue(ready(c, NS, "loser"));
  }

  @Test
  void aReferenceToAnInstanceInAnotherNamespaceHealsAsSoonAsTheInstanceGrantsIt() {
    Model m = SandboxFixture.model(NS, "tenant", "shared-proxy", "openai/gpt-4o");
    m.getSpec().connectionRef.instanceRef = new InstanceRef("heals-shared", "shared-proxy");
    c.resource(m).create();
    eventually("refused", Duration.ofSeconds(60),
        () -> "CrossNamespaceReference".equals(reason(c, NS, "tenant", "Ready")));

    c.resources(LiteLLMInstance.class).inNamespace("heals-shared").withName("shared-proxy").edit(i -> {
      i.getMetadata().setAnnotations(Map.of("litellm.litellm.ai/allowed-referrers", NS));
      return i;
    });
    eventually("Ready once the instance grants it", Duration.ofSeconds(20), () -> ready(c, NS, "tenant"),
        () -> "Ready " + reason(c, NS, "tenant", "Ready"));
  }
}
