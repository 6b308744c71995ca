package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.DatabaseSecretKeys;
import ai.litellm.operator.api.DatabaseSecretRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.testing.Await;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.9: an instance without {@code databaseSecretRef} renders a proxy that cannot store models from its API; its
 * Models used to retry LiteLLM's 500 "No DB Connected" for ever with a generic {@code LiteLLMError}. Now the instance
 * says so in a {@code ModelStore} condition, its Models say {@code LiteLLMNoDatabase} with the fix and stop calling,
 * and they heal as soon as the instance gets a database, without a spec change of their own. The fake proxies answer
 * as LiteLLM does without a DB (reference §2.2-2.5).
 */
class NoModelStoreIT {
  static final String NS = "nodb";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), () -> new FakeLiteLLMOptions().dbConnected(false));
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String condition(String type, java.util.function.Function<io.fabric8.kubernetes.api.model.Condition,
      String> field) {
    LiteLLMInstance i = c.resources(LiteLLMInstance.class).inNamespace(NS).withName("proxy").get();
    return i == null || i.getStatus() == null ? null
        : Conditions.find(i.getStatus().conditions, type).map(field).orElse(null);
  }

  @Test
  void modelsOfAnInstanceWithoutADatabaseSayWhyStopCallingAndHealWhenItGetsOne() {
    eventually("the instance says it has no model store", Duration.ofSeconds(60),
        () -> "NoDatabase".equals(condition("ModelStore", io.fabric8.kubernetes.api.model.Condition::getReason)));
    assertEquals("False", condition("ModelStore", io.fabric8.kubernetes.api.model.Condition::getStatus));

    c.resource(SandboxFixture.model(NS, "m1", "proxy", "openai/gpt-4o")).create();
    eventually("the Model names the cause", Duration.ofSeconds(60),
        () -> "LiteLLMNoDatabase".equals(reason(c, NS, "m1", "Ready")), () -> "Ready " + reason(c, NS, "m1", "Ready"));
    String message = Conditions.find(get(c, NS, "m1").getStatus().conditions, "Ready").orElseThrow().getMessage();
    assertTrue(message.contains("spec.databaseSecretRef") && message.contains("LiteLLMInstance nodb/proxy"), message);
    eventually("a Warning Event on the Model", Duration.ofSeconds(30), () -> c.v1().events().inNamespace(NS).list()
        .getItems().stream().anyMatch(e -> "LiteLLMNoDatabase".equals(e.getReason())
            && "m1".equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())));

    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    int before = proxy.calls("/model/new").size();
    Await.sleep(3000); // with a 50 ms backoff base, a retried 500 would have called ~10 times by now
    assertEquals(before, proxy.calls("/model/new").size(), "parked: no more creates until something changes");

    // The proxy gets its database: the instance gets a databaseSecretRef, and the Model heals on that change alone.
    proxy.options().dbConnected(true);
    SandboxFixture.secret(c, NS, "db", Map.of("host", "postgres", "user", "litellm", "password", "pw", "db", "litellm"));
    c.resources(LiteLLMInstance.class).inNamespace(NS).withName("proxy").edit(i -> {
      i.getSpec().databaseSecretRef = new DatabaseSecretRef();
      i.getSpec().databaseSecretRef.nameRef = "db";
      i.getSpec().databaseSecretRef.keys = new DatabaseSecretKeys();
      i.getSpec().databaseSecretRef.keys.hostSecret = "host";
      i.getSpec().databaseSecretRef.keys.usernameSecret = "user";
      i.getSpec().databaseSecretRef.keys.passwordSecret = "password";
      i.getSpec().databaseSecretRef.keys.dbnameSecret = "db";
      return i;
    });
    eventually("the instance has a model store", Duration.ofSeconds(60),
        () -> "True".equals(condition("ModelStore", io.fabric8.kubernetes.api.model.Condition::getStatus)));
    eventually("the parked Model is created and Ready without a change of its own", Duration.ofSeconds(20),
        () -> ready(c, NS, "m1"), () -> "Ready " + reason(c, NS, "m1", "Ready"));
    assertEquals(1, proxy.models().stream().filter(j -> "m1".equals(j.getString("model_name"))).count());
  }

  @Test
  void aModelOnAProxyWithoutADatabaseIsDeletedWithoutWaiting() {
    SandboxFixture.namespace(c, "nodb-delete");
    c.resource(SandboxFixture.instance("nodb-delete", "proxy")).create();
    c.resource(SandboxFixture.model("nodb-delete", "gone", "proxy", "openai/gpt-4o")).create();
    eventually("parked on LiteLLMNoDatabase", Duration.ofSeconds(60),
        () -> "LiteLLMNoDatabase".equals(reason(c, "nodb-delete", "gone", "Ready")));
    c.resource(get(c, "nodb-delete", "gone")).delete();
    eventually("the Model is gone (nothing of it can be stored in that proxy)", Duration.ofSeconds(30),
        () -> get(c, "nodb-delete", "gone") == null);
  }
}
