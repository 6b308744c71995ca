package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.row;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 1 (connections): instanceRef and secretRef, namespaces defaulting to the Model's, each Model on its own
 * connection (two instances with different master keys at once), a wrong key (401) reported and recovered, and
 * references into other namespaces refused by default.
 */
class ModelConnectionIT {
  static Sandbox sandbox;
  static KubernetesClient c;
  static Vertx testVertx;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    testVertx = Vertx.vertx();
    SandboxFixture.namespace(c, "conn-a");
    SandboxFixture.namespace(c, "conn-b");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    testVertx.close();
  }

  @Test
  void twoInstancesWithDifferentKeysAtOnceEachGetTheirOwnModels() {
    c.resource(SandboxFixture.instance("conn-a", "east")).create();
    c.resource(SandboxFixture.instance("conn-a", "west")).create();
    for (int i = 0; i < 3; i++) {
      c.resource(SandboxFixture.model("conn-a", "east-" + i, "east", "openai/gpt-4o")).create();
      c.resource(SandboxFixture.model("conn-a", "west-" + i, "west", "anthropic/claude")).create();
    }
    for (int i = 0; i < 3; i++) {
      String e = "east-" + i;
      String w = "west-" + i;
      eventually(e + " Ready", () -> ready(c, "conn-a", e));
      eventually(w + " Ready", () -> ready(c, "conn-a", w));
    }
    FakeLiteLLM east = sandbox.proxies().proxy("conn-a", "east");
    FakeLiteLLM west = sandbox.proxies().proxy("conn-a", "west");
    assertNotEquals(east.options().masterKey(), west.options().masterKey(), "instances have their own master keys");
    assertNotEquals(east.baseUrl(), west.baseUrl());
    for (int i = 0; i < 3; i++) {
      assertEquals(1, rows(east, "east-" + i));
      assertEquals(0, rows(east, "west-" + i), "no Model of west reached east's proxy");
      assertEquals(1, rows(west, "west-" + i));
      assertEquals(0, rows(west, "east-" + i));
    }
    assertTrue(east.calls().stream().noneMatch(call -> call.status() == 401), "every call used east's own key");
    assertTrue(west.calls().stream().noneMatch(call -> call.status() == 401), "every call used west's own key");
  }

  @Test
  void secretRefReachesTheProxyNamedInTheSecret() {
    FakeLiteLLM own = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-own-proxy"));
    SandboxFixture.secret(c, "conn-b", "litellm-conn",
        Map.of("url", own.baseUrl() + "/", "masterkey", " sk-own-proxy\n"));
    c.resource(ModelFixtures.viaSecret("conn-b", "via-secret", "litellm-conn", "openai/gpt-4o-mini")).create();
    eventually("via-secret Ready", () -> ready(c, "conn-b", "via-secret"));
    Model m = get(c, "conn-b", "via-secret");
    assertEquals(m.getStatus().modelId, row(own, "via-secret").orElseThrow().getJsonObject("model_info")
        .getString("id"));
    assertTrue(readyMessage(m).contains("Secret conn-b/litellm-conn"), Serialization.asYaml(m.getStatus()));
  }

  @Test
  void wrongMasterKeyIsUnauthorizedAndRecoversWhenTheSecretIsFixed() {
    FakeLiteLLM own = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-right"));
    SandboxFixture.secret(c, "conn-b", "wrong-key", Map.of("url", own.baseUrl(), "masterkey", "sk-wrong"));
    c.resource(ModelFixtures.viaSecret("conn-b", "unauthorized", "wrong-key", "openai/gpt-4o")).create();
    eventually("Unauthorized condition", () -> "Unauthorized".equals(reason(c, "conn-b", "unauthorized", "Ready")));
    Model m = get(c, "conn-b", "unauthorized");
    assertEquals("False", Conditions.find(m.getStatus().conditions, "Synced").orElseThrow()
        .getStatus());
    eventually("Unauthorized Event", () -> !events(c, "conn-b", "unauthorized", "Unauthorized").isEmpty());
    assertFalse(Serialization.asJson(m.getStatus()).contains("sk-wrong"), "the key never reaches status");
    assertTrue(own.models().isEmpty());

    SandboxFixture.secret(c, "conn-b", "wrong-key", Map.of("url", own.baseUrl(), "masterkey", "sk-right"));
    eventually("Ready after the key is fixed", () -> ready(c, "conn-b", "unauthorized"));
    assertEquals(1, rows(own, "unauthorized"));
  }

  @Test
  void referencesIntoAnotherNamespaceAreRefusedByDefault() {
    c.resource(SandboxFixture.instance("conn-a", "shared")).create();
    Model m = SandboxFixture.model("conn-b", "cross", "shared", "openai/gpt-4o");
    m.getSpec().connectionRef.instanceRef = new InstanceRef("conn-a", "shared");
    c.resource(m).create();
    eventually("CrossNamespaceReference", () -> "CrossNamespaceReference".equals(reason(c, "conn-b", "cross", "Ready")));
    eventually("Event", () -> !events(c, "conn-b", "cross", "CrossNamespaceReference").isEmpty());
    assertTrue(sandbox.proxies().proxy("conn-a", "shared") == null
        || rows(sandbox.proxies().proxy("conn-a", "shared"), "cross") == 0, "nothing was sent to the other namespace");
    String msg = Conditions.find(get(c, "conn-b", "cross").getStatus().conditions, "Ready")
        .orElseThrow().getMessage();
    assertNotNull(msg);
    assertTrue(msg.contains("--allow-cross-namespace-refs"), msg);
  }

  private static String readyMessage(Model m) {
    return Conditions.find(m.getStatus().conditions, "Ready").orElseThrow().getMessage();
  }
}
