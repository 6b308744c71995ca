package ai.litellm.operator.it;

import ai.litellm.operator.testing.Await;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.row;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 6 (deletion): the finalizer deletes the LiteLLM model first; "not found" counts as deleted; a proxy
 * that is down keeps the finalizer and is retried; an instance or connection Secret that is gone (or a connectionRef
 * that can never resolve) releases the finalizer with an Event instead of hanging.
 */
class ModelDeletionIT {
  static final String NS = "del";
  static Sandbox sandbox;
  static KubernetesClient c;
  static Vertx testVertx;

  @BeforeAll
  static void start() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    // An instance deleted while a live Model references it waits this long for the Model (issue #14.2) before it
    // goes with a ModelsLeft Event; short here, so the Model outlives its instance as it does after the grace.
    cfg.instanceDeletionGrace = Duration.ofSeconds(3);
    sandbox = SandboxFixture.startWithoutSchemaAdmission(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    testVertx = Vertx.vertx();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    testVertx.close();
  }

  @Test
  void aModelAlreadyGoneFromLiteLLMCountsAsDeleted() {
    c.resource(SandboxFixture.model(NS, "already-gone", "proxy", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "already-gone"));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    assertTrue(proxy.deleteModelDirectly(get(c, NS, "already-gone").getStatus().modelId));
    c.resource(get(c, NS, "already-gone")).delete();
    eventually("Model gone", () -> get(c, NS, "already-gone") == null);
  }

  @Test
  void aProxyThatIsDownKeepsTheFinalizerUntilItIsBack() {
    c.resource(SandboxFixture.model(NS, "down-delete", "proxy", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "down-delete"));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    proxy.options().down(true);
    try {
      c.resource(get(c, NS, "down-delete")).delete();
      eventually("DeletionBlocked Event naming LiteLLMUnavailable", () -> events(c, NS, "down-delete",
          "DeletionBlocked").stream().anyMatch(e -> e.getMessage().contains("LiteLLMUnavailable")));
      Await.sleep(2000);
      Model stuck = get(c, NS, "down-delete");
      assertNotNull(stuck, "the finalizer holds while LiteLLM cannot be told");
      assertTrue(Finalizers.has(stuck));
      assertTrue(row(proxy, "down-delete").isPresent());
    } finally {
      proxy.options().down(false);
    }
    eventually("Model gone once the proxy is back", () -> get(c, NS, "down-delete") == null);
    eventually("LiteLLM model deleted", () -> row(proxy, "down-delete").isEmpty());
  }

  /**
   * Issue #13.2: LiteLLM answers a DB timeout on /model/delete with its generic 400 ("Authentication Error, …"). That
   * once parked the deleting Model for good, finalizer held, status still Ready=True. Now the deletion is retried,
   * `kubectl get models` shows Ready=False DeletionBlocked meanwhile, and the Model goes once the DB is back.
   */
  @Test
  void aGeneric400OnDeleteIsRetriedAndTheStatusSaysWhatBlocksTheDeletion() {
    c.resource(SandboxFixture.model(NS, "db-blip", "proxy", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "db-blip"));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    proxy.options().dbDown(true);
    try {
      c.resource(get(c, NS, "db-blip")).delete();
      eventually("Ready=False DeletionBlocked", Duration.ofSeconds(30), () -> "DeletionBlocked".equals(ModelFixtures.reason(c, NS, "db-blip",
          "Ready")), () -> "Ready " + ModelFixtures.reason(c, NS, "db-blip", "Ready"));
      assertFalse(ready(c, NS, "db-blip"));
      assertEquals("LiteLLMError", ModelFixtures.reason(c, NS, "db-blip", "Synced"));
      eventually("a DeletionBlocked Warning Event", () -> !events(c, NS, "db-blip", "DeletionBlocked").isEmpty());
      assertTrue(Finalizers.has(get(c, NS, "db-blip")), "the finalizer holds while LiteLLM cannot delete");
    } finally {
      proxy.options().dbDown(false);
    }
    eventually("Model gone once the DB answers again", Duration.ofSeconds(60), () -> get(c, NS, "db-blip") == null);
    assertTrue(row(proxy, "db-blip").isEmpty(), "its LiteLLM model was deleted, not left behind");
  }

  @Test
  void anInstanceThatIsGoneReleasesTheFinalizerWithAnEvent() {
    c.resource(SandboxFixture.instance(NS, "doomed")).create();
    c.resource(SandboxFixture.model(NS, "on-doomed", "doomed", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "on-doomed"));
    c.resources(LiteLLMInstance.class).inNamespace(NS).withName("doomed").delete();
    eventually("instance gone after its deletion grace", Duration.ofSeconds(60),
        () -> c.resources(LiteLLMInstance.class).inNamespace(NS).withName("doomed").get() == null);
    assertTrue(c.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "doomed".equals(e.getInvolvedObject().getName()) && "ModelsLeft".equals(e.getReason())),
        "the instance names the Model it left");
    c.resource(get(c, NS, "on-doomed")).delete();
    eventually("Model gone", () -> get(c, NS, "on-doomed") == null);
    assertTrue(!events(c, NS, "on-doomed", "FinalizerReleased").isEmpty(), "the release is explained in an Event");
  }

  @Test
  void aConnectionSecretThatIsGoneReleasesTheFinalizer() {
    FakeLiteLLM own = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-del"));
    SandboxFixture.secret(c, NS, "conn", Map.of("url", own.baseUrl(), "masterkey", "sk-del"));
    c.resource(ModelFixtures.viaSecret(NS, "via-gone-secret", "conn", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "via-gone-secret"));
    c.secrets().inNamespace(NS).withName("conn").delete();
    eventually("Secret gone", () -> c.secrets().inNamespace(NS).withName("conn").get() == null);
    Await.sleep(500); // past the Secret read cache
    c.resource(get(c, NS, "via-gone-secret")).delete();
    eventually("Model gone", () -> get(c, NS, "via-gone-secret") == null);
    assertTrue(!events(c, NS, "via-gone-secret", "FinalizerReleased").isEmpty());
  }

  @Test
  void aModelWhoseConnectionRefCanNeverResolveIsDeletable() {
    Model m = SandboxFixture.model(NS, "no-connection", "proxy", "openai/gpt-4o");
    m.getSpec().connectionRef = new ConnectionRef();
    c.resource(m).create();
    eventually("InvalidSpec", () -> "InvalidSpec".equals(ModelFixtures.reason(c, NS, "no-connection", "Ready")));
    assertTrue(Finalizers.has(get(c, NS, "no-connection")));
    c.resource(get(c, NS, "no-connection")).delete();
    eventually("Model gone", () -> get(c, NS, "no-connection") == null);
  }
}
