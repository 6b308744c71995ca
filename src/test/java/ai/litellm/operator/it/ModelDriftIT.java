package ai.litellm.operator.it;

import ai.litellm.operator.testing.Await;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.params;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.row;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.ModelController;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 5 (drift): a pass lists each proxy once and repairs only what is missing or different; a model deleted
 * in LiteLLM comes back; an out-of-band edit is reverted; an orphan with our marker whose Model is gone is deleted (after
 * two passes), a model without the marker never is; lagging replicas do not cause re-creates (no flapping).
 */
class ModelDriftIT {
  static final String NS = "drift";
  static final Duration GRACE = Duration.ofSeconds(2);
  static Sandbox sandbox;
  static KubernetesClient c;
  static ModelController models;
  static FakeLiteLLM proxy;
  static Vertx testVertx;

  @BeforeAll
  static void start() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.consistencyGrace = GRACE;
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    models = sandbox.operator().operator().models();
    testVertx = Vertx.vertx();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
    c.resource(SandboxFixture.model(NS, "anchor", "proxy", "openai/gpt-4o")).create();
    eventually("anchor Ready", () -> ready(c, NS, "anchor"));
    proxy = sandbox.proxies().proxy(NS, "proxy");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    testVertx.close();
  }

  @Test
  void aModelDeletedInLiteLLMComesBack() {
    c.resource(SandboxFixture.model(NS, "deleted-oob", "proxy", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "deleted-oob"));
    String id = get(c, NS, "deleted-oob").getStatus().modelId;
    Await.sleep(GRACE.toMillis() + 200);
    assertTrue(proxy.deleteModelDirectly(id));
    driftUntil("re-created", () -> row(proxy, "deleted-oob").isPresent());
    assertEquals(id, row(proxy, "deleted-oob").orElseThrow().getJsonObject("model_info").getString("id"));
    assertEquals(1, rows(proxy, "deleted-oob"));
  }

  @Test
  void anOutOfBandEditIsReverted() {
    var m = SandboxFixture.model(NS, "edited-oob", "proxy", "openai/gpt-4o");
    m.getSpec().litellmParams.rpm = 5;
    c.resource(m).create();
    eventually("Ready", () -> ready(c, NS, "edited-oob"));
    Await.sleep(GRACE.toMillis() + 200);
    JsonObject row = row(proxy, "edited-oob").orElseThrow();
    String id = row.getJsonObject("model_info").getString("id");
    proxy.deleteModelDirectly(id);
    JsonObject info = row.getJsonObject("model_info").copy().put("id", id);
    proxy.putModelDirectly(new JsonObject().put("model_name", "edited-oob")
        .put("litellm_params", row.getJsonObject("litellm_params").copy().put("rpm", 99)).put("model_info", info));
    proxy.resetCalls();
    driftUntil("rpm restored", () -> params(proxy, "edited-oob").getInteger("rpm") == 5);
    assertTrue(proxy.calls().stream().anyMatch(call -> call.method().equals("PATCH")), "repaired by PATCH");
  }

  @Test
  void anOrphanWithOurMarkerIsDeletedAndAForeignModelIsNot() {
    proxy.putModelDirectly(ghost("ghost", models.installId()));
    proxy.putModelDirectly(ghost("other-install", "another-cluster/litellm-operator"));
    proxy.putModelDirectly(ghost("legacy", null));
    proxy.putModelDirectly(new JsonObject().put("model_name", "by-hand")
        .put("litellm_params", new JsonObject().put("model", "openai/gpt-4o"))
        .put("model_info", new JsonObject().put("id", "by-hand-id")));
    await(models.runDriftPass());
    assertTrue(row(proxy, "ghost").isPresent(), "one sighting is not enough (replicas may lag)");
    await(models.runDriftPass());
    assertTrue(row(proxy, "ghost").isEmpty(), "seen orphaned twice: deleted");
    await(models.runDriftPass());
    assertTrue(row(proxy, "by-hand").isPresent(), "a model without our marker is never touched");
    assertTrue(row(proxy, "other-install").isPresent(), "another install's model is never touched");
    assertTrue(row(proxy, "legacy").isPresent(), "a marker without an install cannot be proven ours");
    assertTrue(row(proxy, "anchor").isPresent());
  }

  /** A row whose Model is gone, marked by {@code install} (null: a marker written before installs were recorded). */
  private static JsonObject ghost(String name, String install) {
    JsonObject info = new JsonObject().put("id", name + "-id").put("litellm_operator_owner", NS + "/" + name)
        .put("litellm_operator_uid", "0000-gone-" + name);
    if (install != null) {
      info.put("litellm_operator_install", install);
    }
    return new JsonObject().put("model_name", name)
        .put("litellm_params", new JsonObject().put("model", "openai/gpt-4o")).put("model_info", info);
  }

  @Test
  void laggingReplicasDoNotCauseRecreates() {
    FakeLiteLLM lagging = ModelFixtures.startFake(testVertx,
        new FakeLiteLLMOptions().masterKey("sk-lag").replicas(3).pollDelayMs(1000));
    SandboxFixture.secret(c, NS, "lagging-conn", Map.of("url", lagging.baseUrl(), "masterkey", "sk-lag"));
    c.resource(ModelFixtures.viaSecret(NS, "on-lagging", "lagging-conn", "openai/gpt-4o")).create();
    eventually("Ready", () -> ready(c, NS, "on-lagging"));
    long until = System.currentTimeMillis() + GRACE.toMillis() + 1500;
    while (System.currentTimeMillis() < until) {
      await(models.runDriftPass());
      Await.sleep(200);
    }
    assertEquals(1, lagging.calls("/model/new").size(), "created once: " + lagging.calls());
    assertTrue(lagging.calls("/model/delete").isEmpty());
    assertTrue(lagging.calls().stream().noneMatch(call -> call.method().equals("PATCH")));
    assertTrue(ready(c, NS, "on-lagging"), "no flapping to not Ready");
    assertEquals(1, rows(lagging, "on-lagging"));
  }

  /** Runs drift passes until {@code done} holds (a pass requeues; the repair is a normal reconcile). */
  private static void driftUntil(String what, BooleanSupplier done) {
    eventually(what, () -> {
      if (done.getAsBoolean()) {
        return true;
      }
      await(models.runDriftPass());
      Await.sleep(300);
      return done.getAsBoolean();
    });
  }
}
