package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reference into another namespace needs that namespace's consent: the annotation
 * litellm.litellm.ai/allowed-referrers on the Secret (or instance) it names. Without it the Model is refused with
 * CrossNamespaceReference; the global flag is no longer the only way (it was all-or-nothing).
 */
class CrossNamespaceGrantIT {
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    for (String ns : new String[] {"consumer", "shared-creds"}) {
      SandboxFixture.namespace(c, ns);
    }
    c.resource(SandboxFixture.instance("consumer", "proxy")).create();
    c.resource(new SecretBuilder().withNewMetadata().withNamespace("shared-creds").withName("granted")
        .withAnnotations(Map.of("litellm.litellm.ai/allowed-referrers", "consumer")).endMetadata()
        .withStringData(Map.of("apiKey", "sk-granted")).build()).create();
    c.resource(new SecretBuilder().withNewMetadata().withNamespace("shared-creds").withName("private")
        .endMetadata().withStringData(Map.of("apiKey", "sk-private")).build()).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Model usingSecret(String name, String secret) {
    Model m = SandboxFixture.model("consumer", name, "proxy", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef("shared-creds", secret);
    return m;
  }

  @Test
  void aGrantedSecretInAnotherNamespaceIsUsedAndAnUngrantedOneIsRefused() {
    c.resource(usingSecret("with-grant", "granted")).create();
    c.resource(usingSecret("without-grant", "private")).create();
    eventually("the granted reference works", Duration.ofSeconds(60),
        () -> ModelFixtures.ready(c, "consumer", "with-grant"));
    eventually("the ungranted one is refused", Duration.ofSeconds(60),
        () -> "CrossNamespaceReference".equals(ModelFixtures.reason(c, "consumer", "without-grant", "Ready")));
    String message = ModelFixtures.get(c, "consumer", "without-grant").getStatus().conditions.stream()
        .filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow().getMessage();
    assertTrue(message.contains("litellm.litellm.ai/allowed-referrers"), "the condition says how to grant: " + message);
    assertFalse(message.contains("sk-private"));
    assertTrue(sandbox.proxies().proxy("consumer", "proxy").models().stream()
        .noneMatch(j -> "without-grant".equals(j.getString("model_name"))), "nothing was sent for the refused one");
  }
}
