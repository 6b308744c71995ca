package ai.litellm.operator.it;

import ai.litellm.operator.testing.Await;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.failures;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.params;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.writes;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 8 (bad input): a missing litellmParams.model, a missing or incomplete model Secret, an unknown
 * instance each give a clear condition and an Event, make no LiteLLM call, back off instead of storming, leave the model
 * already in LiteLLM as it was, and recover once the input is fixed. Status is written once per distinct failure.
 */
class ModelBadInputIT {
  static final String NS = "bad";
  static Sandbox sandbox;
  static KubernetesClient c;
  static MeterRegistry registry;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.startWithoutSchemaAdmission(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    registry = sandbox.operator().registry();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void missingProviderModelIsInvalidSpecAndNotRetried() {
    c.resource(SandboxFixture.instance(NS, "p-invalid")).create();
    Model m = SandboxFixture.model(NS, "no-model", "p-invalid", null);
    c.resource(m).create();
    eventually("InvalidSpec", () -> "InvalidSpec".equals(reason(c, NS, "no-model", "Ready")));
    eventually("InvalidSpec Event", () -> !events(c, NS, "no-model", "InvalidSpec").isEmpty());
    String msg = Conditions.find(get(c, NS, "no-model").getStatus().conditions, "Ready").orElseThrow().getMessage();
    assertTrue(msg.contains("litellmParams.model"), msg);
    double first = failures(registry, "InvalidSpec");
    Await.sleep(3000);
    assertEquals(first, failures(registry, "InvalidSpec"), "a permanent problem waits for a spec change");
    assertNoCalls("p-invalid");
  }

  @Test
  void missingSecretBacksOffAndRecoversWhenTheSecretAppears() {
    c.resource(SandboxFixture.instance(NS, "p-secret")).create();
    Model m = SandboxFixture.model(NS, "no-secret", "p-secret", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef(null, "not-there");
    c.resource(m).create();
    eventually("SecretNotFound", () -> "SecretNotFound".equals(reason(c, NS, "no-secret", "Ready")));
    eventually("SecretNotFound Event", () -> !events(c, NS, "no-secret", "SecretNotFound").isEmpty());
    String rv = get(c, NS, "no-secret").getMetadata().getResourceVersion();
    double before = failures(registry, "SecretNotFound");
    Await.sleep(4000);
    double retries = failures(registry, "SecretNotFound") - before;
    assertTrue(retries >= 1, "a missing Secret is retried");
    // Backoff 50 ms doubling to a 2 s cap allows about 7 tries in 4 s; a storm would be hundreds.
    assertTrue(retries <= 12, "retries back off, saw " + retries + " in 4 s");
    assertEquals(rv, get(c, NS, "no-secret").getMetadata().getResourceVersion(),
        "the same failure is not written again");
    assertEquals(1, events(c, NS, "no-secret", "SecretNotFound").size(), "the same Event is not repeated");
    assertNoCalls("p-secret");

    SandboxFixture.secret(c, NS, "not-there", Map.of("apiKey", "sk-late"));
    eventually("Ready once the Secret exists", () -> ready(c, NS, "no-secret"));
  }

  @Test
  void aSecretWithNoKnownKeyIsIncomplete() {
    c.resource(SandboxFixture.instance(NS, "p-incomplete")).create();
    SandboxFixture.secret(c, NS, "misspelt", Map.of("api_key", "sk-1", "APIKEY", "sk-2"));
    Model m = SandboxFixture.model(NS, "incomplete", "p-incomplete", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef(null, "misspelt");
    c.resource(m).create();
    eventually("SecretIncomplete", () -> "SecretIncomplete".equals(reason(c, NS, "incomplete", "Ready")));
    eventually("SecretIncomplete Event", () -> !events(c, NS, "incomplete", "SecretIncomplete").isEmpty());
    String msg = Conditions.find(get(c, NS, "incomplete").getStatus().conditions, "Ready").orElseThrow().getMessage();
    assertTrue(msg.contains("apiKey") && !msg.contains("sk-1"), msg);
    assertNoCalls("p-incomplete");
  }

  @Test
  void anUnknownInstanceIsReportedAndPickedUpWhenItAppears() {
    c.resource(SandboxFixture.model(NS, "orphaned", "ghost", "openai/gpt-4o")).create();
    eventually("InstanceNotFound", () -> "InstanceNotFound".equals(reason(c, NS, "orphaned", "Ready")));
    eventually("InstanceNotFound Event", () -> !events(c, NS, "orphaned", "InstanceNotFound").isEmpty());
    assertNull(sandbox.proxies().proxy(NS, "ghost"), "no proxy was contacted");
    c.resource(SandboxFixture.instance(NS, "ghost")).create();
    eventually("Ready once the instance exists", () -> ready(c, NS, "orphaned"));
  }

  @Test
  void theModelAlreadyInLiteLLMStaysAsItWasWhileTheInputIsBad() {
    c.resource(SandboxFixture.instance(NS, "p-stays")).create();
    SandboxFixture.secret(c, NS, "stays-creds", Map.of("apiKey", "sk-stays"));
    Model m = SandboxFixture.model(NS, "stays", "p-stays", "openai/gpt-4o");
    m.getSpec().litellmParams.rpm = 7;
    m.getSpec().modelSecretRef = new SecretRef(null, "stays-creds");
    c.resource(m).create();
    eventually("stays Ready", () -> ready(c, NS, "stays"));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "p-stays");
    String id = get(c, NS, "stays").getStatus().modelId;
    proxy.resetCalls();

    c.resources(Model.class).inNamespace(NS).withName("stays").edit(x -> {
      x.getSpec().litellmParams.model = null;
      x.getSpec().litellmParams.rpm = 8;
      return x;
    });
    eventually("InvalidSpec", () -> "InvalidSpec".equals(reason(c, NS, "stays", "Ready")));
    c.resources(Model.class).inNamespace(NS).withName("stays").edit(x -> {
      x.getSpec().litellmParams.model = "openai/gpt-4o";
      x.getSpec().modelSecretRef = new SecretRef(null, "gone-creds");
      return x;
    });
    eventually("SecretNotFound", () -> "SecretNotFound".equals(reason(c, NS, "stays", "Ready")));
    Await.sleep(1000);
    assertEquals(List.of(), writes(proxy), "nothing was written to LiteLLM");
    assertEquals(7, params(proxy, "stays").getInteger("rpm"));
    assertEquals("sk-stays", params(proxy, "stays").getString("api_key"));
    assertEquals(id, get(c, NS, "stays").getStatus().modelId, "status still names the applied model");
  }

  private static void assertNoCalls(String instance) {
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, instance);
    assertTrue(proxy == null || proxy.calls().isEmpty(), () -> "no LiteLLM call expected: " + proxy.calls());
  }
}
