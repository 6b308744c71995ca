package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13.3: a parked Model is looked at again every --resync-period (3 s here), so a condition that heals without a
 * spec change, and without an event the Model controller sees, does not strand it: a grant annotation added to a
 * Secret in another namespace, a foreign LiteLLM model removed by hand. Before the fix both stayed parked for good.
 */
class ParkedModelRecheckIT {
  static final String NS = "recheck";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.resyncPeriod = Duration.ofSeconds(3);
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    SandboxFixture.namespace(c, "recheck-creds");
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
    c.resource(SandboxFixture.model(NS, "warm", "proxy", "openai/gpt-4o")).create(); // brings the fake proxy up
    eventually("warm Ready", Duration.ofSeconds(60), () -> ready(c, NS, "warm"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aCrossNamespaceReferenceHealsWhenTheGrantAnnotationIsAdded() {
    c.resource(new SecretBuilder().withNewMetadata().withNamespace("recheck-creds").withName("creds").endMetadata()
        .withStringData(Map.of("apiKey", "sk-shared")).build()).create();
    Model m = SandboxFixture.model(NS, "borrower", "proxy", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef("recheck-creds", "creds");
    c.resource(m).create();
    eventually("refused", Duration.ofSeconds(60),
        () -> "CrossNamespaceReference".equals(reason(c, NS, "borrower", "Ready")));

    c.secrets().inNamespace("recheck-creds").withName("creds").edit(s -> {
      s.getMetadata().setAnnotations(Map.of("litellm.litellm.ai/allowed-referrers", NS));
      return s;
    });
    eventually("Ready once the grant is there", Duration.ofSeconds(20), () -> ready(c, NS, "borrower"),
        () -> "Ready " + reason(c, NS, "borrower", "Ready"));
  }

  @Test
  void aParkedModelWithoutAHealingEventIsLookedAtAgainAfterTheResyncPeriod() {
    FakeLiteLLM proxy = proxy();
    proxy.putModelDirectly(new JsonObject().put("model_name", "by-hand")
        .put("litellm_params", new JsonObject().put("model", "openai/hand"))
        .put("model_info", new JsonObject().put("id", "taken-id")));
    Model m = SandboxFixture.model(NS, "wants-id", "proxy", "openai/gpt-4o");
    m.getSpec().modelInfo = new ModelInfo();
    m.getSpec().modelInfo.id = "taken-id";
    c.resource(m).create();
    eventually("parked on ModelIdConflict", Duration.ofSeconds(60),
        () -> "ModelIdConflict".equals(reason(c, NS, "wants-id", "Ready")));

    assertTrue(proxy.deleteModelDirectly("taken-id"), "the hand-made model is removed behind the operator's back");
    eventually("Ready after the slow re-check", Duration.ofSeconds(20), () -> ready(c, NS, "wants-id"),
        () -> "Ready " + reason(c, NS, "wants-id", "Ready"));
    assertEquals(1, proxy.models().stream().filter(j -> "wants-id".equals(j.getString("model_name"))).count());
  }

  private static FakeLiteLLM proxy() {
    eventually("proxy up", Duration.ofSeconds(60), () -> sandbox.proxies().proxy(NS, "proxy") != null);
    return sandbox.proxies().proxy(NS, "proxy");
  }
}
