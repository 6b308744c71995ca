package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.4: a Model moved to another instance, or to another secretRef URL, left a copy on the old proxy. Only an
 * in-memory record of old proxies removed it, so an operator restart in the window left it for ever. Here the move
 * happens while no operator runs; the fresh operator must delete the old row (from status) before it creates the new.
 */
class ModelMoveIT {
  static final String NS = "move";
  static Sandbox sandbox;
  static KubernetesClient c;
  static OperatorConfig cfg;
  static Vertx testVertx;

  @BeforeEach
  void start() {
    cfg = SandboxFixture.testConfig();
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    testVertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    testVertx.close();
  }

  /** Applies {@code edit} to the Model while no operator runs, then starts a fresh one (empty memory). */
  private static OperatorProcess editWhileStopped(String name, UnaryOperator<Model> edit) {
    sandbox.operator().close();
    c.resources(Model.class).inNamespace(NS).withName(name).edit(edit);
    return OperatorProcess.start(cfg.copy(), sandbox.apiServer().clientConfig(), sandbox.proxies());
  }

  @Test
  void aModelMovedToAnotherInstanceAcrossARestartLeavesNoCopyOnTheOldProxy() {
    c.resource(SandboxFixture.instance(NS, "old")).create();
    c.resource(SandboxFixture.instance(NS, "new")).create();
    c.resource(SandboxFixture.model(NS, "moved", "old", "openai/gpt-4o")).create();
    eventually("Ready on the old instance", () -> ready(c, NS, "moved"));
    FakeLiteLLM oldProxy = sandbox.proxies().proxy(NS, "old");
    assertEquals(1, rows(oldProxy, "moved"));
    assertNotNull(get(c, NS, "moved").getStatus().appliedEndpoint, "status records where the model was applied");

    try (OperatorProcess fresh = editWhileStopped("moved", m -> {
      m.getSpec().connectionRef.instanceRef.name = "new";
      return m;
    })) {
      eventually("the new proxy serves it", () -> {
        FakeLiteLLM p = sandbox.proxies().proxy(NS, "new");
        return p != null && rows(p, "moved") == 1 && ready(c, NS, "moved")
            && get(c, NS, "moved").getStatus().appliedEndpoint.via.endsWith("/new");
      });
      assertEquals(0, rows(oldProxy, "moved"), "no copy left on the old proxy");
      assertEquals(1, rows(sandbox.proxies().proxy(NS, "new"), "moved"), "exactly one on the new proxy");
    }
  }

  @Test
  void aModelWhoseSecretRefMovesToAnotherUrlAcrossARestartLeavesNoCopyOnTheOldProxy() {
    FakeLiteLLM first = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-move"));
    FakeLiteLLM second = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-move"));
    SandboxFixture.secret(c, NS, "conn-first", Map.of("url", first.baseUrl(), "masterkey", "sk-move"));
    SandboxFixture.secret(c, NS, "conn-second", Map.of("url", second.baseUrl(), "masterkey", "sk-move"));
    c.resource(ModelFixtures.viaSecret(NS, "via-secret", "conn-first", "openai/gpt-4o")).create();
    eventually("Ready on the first proxy", () -> ready(c, NS, "via-secret"));
    assertEquals(1, rows(first, "via-secret"));

    try (OperatorProcess fresh = editWhileStopped("via-secret", m -> {
      m.getSpec().connectionRef.secretRef.secretName = "conn-second";
      return m;
    })) {
      eventually("the second proxy serves it", () -> rows(second, "via-secret") == 1 && ready(c, NS, "via-secret")
          && get(c, NS, "via-secret").getStatus().appliedEndpoint.via.endsWith("/conn-second"));
      assertEquals(0, rows(first, "via-secret"), "no copy left on the first proxy");
      assertEquals(1, rows(second, "via-secret"), "exactly one on the second proxy");
    }
  }
}
