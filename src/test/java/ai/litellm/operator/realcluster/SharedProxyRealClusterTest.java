package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two installs of the operator (here: two processes on one cluster, each watching its own namespace and living in
 * its own namespace; in the field, two clusters) manage Models on the same LiteLLM proxy. Neither may delete, adopt or
 * overwrite the other's models: their drift sweeps leave each other's rows alone, and a Model whose status names
 * another team's model (anyone who can patch models/status can write it) is released on deletion without deleting it.
 */
@RealCluster(controllerManager = false)
class SharedProxyRealClusterTest {
  static RealOperator installA;
  static OperatorProcess installB;
  static KubernetesClient admin;
  static Vertx vertx;
  static FakeLiteLLM proxy;

  @BeforeAll
  static void prepare(RealControlPlane cp, KubernetesClient client) throws IOException {
    admin = client;
    installA = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    vertx = Vertx.vertx();
    proxy = ModelFixtures.startFake(vertx, new FakeLiteLLMOptions());
    for (String ns : List.of("team-a", "team-b", "litellm-b")) {
      ClusterSetup.namespace(admin, ns);
    }
    for (String ns : List.of("team-a", "team-b")) {
      SandboxFixture.secret(admin, ns, "shared-proxy", Map.of("url", proxy.baseUrl(), "masterkey",
          proxy.options().masterKey()));
    }
    OperatorConfig a = RealOperator.testConfig();
    a.namespaces = List.of("team-a");
    installA.start(a);
    OperatorConfig b = RealOperator.testConfig();
    b.namespaces = List.of("team-b");
    b.operatorNamespace = "litellm-b";
    installB = OperatorProcess.start(b, client.getConfiguration(), InstanceEndpoints.clusterDns("cluster.local"));
  }

  @AfterAll
  static void close() {
    if (installB != null) {
      installB.close();
    }
    if (installA != null) {
      installA.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  private static JsonObject row(String modelName) {
    return ModelFixtures.row(proxy, modelName).orElse(null);
  }

  private static void driftPasses(OperatorProcess p) {
    for (int i = 0; i < 2; i++) { // an orphan must be seen in two consecutive passes
      ai.litellm.operator.testing.Await.await(p.operator().models().runDriftPass());
    }
  }

  @Test
  void twoInstallsOnOneProxyNeverTouchEachOthersModels() {
    admin.resource(ModelFixtures.viaSecret("team-a", "alpha", "shared-proxy", "openai/gpt-4o")).create();
    admin.resource(ModelFixtures.viaSecret("team-b", "beta", "shared-proxy", "openai/gpt-4o-mini")).create();
    awaitModelReady(admin, "team-a", "alpha");
    awaitModelReady(admin, "team-b", "beta");

    JsonObject alpha = row("alpha");
    JsonObject beta = row("beta");
    String installOfAlpha = alpha.getJsonObject("model_info").getString(ModelOwnership.INSTALL_KEY);
    String installOfBeta = beta.getJsonObject("model_info").getString(ModelOwnership.INSTALL_KEY);
    assertTrue(installOfAlpha != null && installOfBeta != null, "the marker names the install");
    assertNotEquals(installOfAlpha, installOfBeta, "each install has its own id (cluster + operator namespace)");

    proxy.resetCalls();
    driftPasses(installA.process());
    driftPasses(installB);
    for (JsonObject row : List.of(alpha, beta)) {
      String id = row.getJsonObject("model_info").getString("id");
      assertTrue(proxy.calls("/model/delete").stream().noneMatch(call -> call.bodySummary().contains(id)),
          "a drift sweep deleted the other install's model " + id + ": " + proxy.calls("/model/delete"));
    }
    assertEquals(alpha.getString("created_at"), row("alpha").getString("created_at"), "alpha was deleted and re-created");
    assertEquals(beta.getString("created_at"), row("beta").getString("created_at"), "beta was deleted and re-created");
    assertTrue(Fixtures.isReady(Fixtures.getModel(admin, "team-a", "alpha")));
    assertTrue(Fixtures.isReady(Fixtures.getModel(admin, "team-b", "beta")));
  }

  @Test
  void aFinalizerDeletesOnlyARowThatCarriesItsOwnMarker() {
    admin.resource(ModelFixtures.viaSecret("team-b", "victim", "shared-proxy", "openai/gpt-4o")).create();
    admin.resource(ModelFixtures.viaSecret("team-a", "thief", "shared-proxy", "openai/gpt-4o")).create();
    awaitModelReady(admin, "team-b", "victim");
    awaitModelReady(admin, "team-a", "thief");
    String victimId = Fixtures.getModel(admin, "team-b", "victim").getStatus().modelId;

    // Someone with models/status access (or a stale status) points the thief at the victim's model, then deletes it.
    Model thief = Fixtures.getModel(admin, "team-a", "thief");
    thief.getStatus().modelId = victimId;
    admin.resource(thief).updateStatus();
    admin.resource(Fixtures.getModel(admin, "team-a", "thief")).delete();

    eventually("the thief is gone", ClusterSetup.WAIT, () -> Fixtures.getModel(admin, "team-a", "thief") == null);
    assertTrue(row("victim") != null, "the finalizer deleted a model that was not the Model's own");
    assertTrue(Fixtures.isReady(Fixtures.getModel(admin, "team-b", "victim")));
    List<Event> events = admin.v1().events().inNamespace("team-a").list().getItems().stream()
        .filter(e -> "thief".equals(e.getInvolvedObject().getName()) && "FinalizerReleased".equals(e.getReason()))
        .toList();
    assertEquals(1, events.size(), "the release is explained in one Event");
    assertTrue(events.get(0).getMessage().contains(victimId), events.get(0).getMessage());
    // The thief's own model, which its status no longer named, is an orphan of install A: its sweep removes it, and
    // only it.
    driftPasses(installA.process());
    assertNull(row("thief"), "install A's orphan is swept");
    assertTrue(row("victim") != null, "the sweep left the other install's model alone");
  }
}
