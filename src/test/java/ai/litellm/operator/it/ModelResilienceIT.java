package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.params;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 9 and the failure list: everything runs on the event log with per-key ordering, per-endpoint rate
 * limiting and backoff. A proxy that is down (503 or refusing connections) is retried until it is back; 429 with
 * Retry-After is honoured without a storm; random 5xx and latency still converge with one model each; rapid edits of
 * one Model end in its last spec.
 */
class ModelResilienceIT {
  static final String NS = "res";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** An instance whose fake proxy is up (a first Model made the operator resolve it). */
  private static FakeLiteLLM proxyOf(String instance) {
    c.resource(SandboxFixture.instance(NS, instance)).create();
    String warm = instance + "-warm";
    c.resource(SandboxFixture.model(NS, warm, instance, "openai/gpt-4o")).create();
    eventually(warm + " Ready", () -> ready(c, NS, warm));
    return sandbox.proxies().proxy(NS, instance);
  }

  @Test
  void aProxyAnswering503IsRetriedUntilItIsBack() {
    FakeLiteLLM proxy = proxyOf("down503");
    proxy.options().down(true);
    try {
      c.resource(SandboxFixture.model(NS, "while-503", "down503", "openai/gpt-4o")).create();
      eventually("LiteLLMUnavailable", () -> "LiteLLMUnavailable".equals(reason(c, NS, "while-503", "Ready")));
      eventually("Event", () -> !events(c, NS, "while-503", "LiteLLMUnavailable").isEmpty());
      assertEquals(0, rows(proxy, "while-503"));
    } finally {
      proxy.options().down(false);
    }
    eventually("Ready once the proxy is back", () -> ready(c, NS, "while-503"));
    assertEquals(1, rows(proxy, "while-503"));
  }

  @Test
  void aProxyRefusingConnectionsIsRetriedUntilItListensAgain() {
    FakeLiteLLM proxy = proxyOf("refusing");
    await(proxy.stopServer());
    try {
      c.resource(SandboxFixture.model(NS, "while-refused", "refusing", "openai/gpt-4o")).create();
      eventually("LiteLLMUnavailable", () -> "LiteLLMUnavailable".equals(reason(c, NS, "while-refused", "Ready")));
    } finally {
      await(proxy.restartServer());
    }
    eventually("Ready once the proxy listens", () -> ready(c, NS, "while-refused"));
    assertEquals(1, rows(proxy, "while-refused"));
  }

  @Test
  void rateLimitingWithRetryAfterIsHonouredAndEveryModelArrives() {
    FakeLiteLLM proxy = proxyOf("throttled");
    proxy.options().rateLimitPerSecond(3);
    proxy.resetCalls();
    int n = 12;
    for (int i = 0; i < n; i++) {
      c.resource(SandboxFixture.model(NS, "throttled-" + i, "throttled", "openai/gpt-4o")).create();
    }
    for (int i = 0; i < n; i++) {
      String name = "throttled-" + i;
      eventually(name + " Ready", Duration.ofSeconds(60), () -> ready(c, NS, name));
      assertEquals(1, rows(proxy, name));
    }
    long throttled = proxy.calls().stream().filter(call -> call.status() == 429).count();
    assertTrue(throttled >= 1, "the proxy did throttle: " + proxy.calls().size() + " calls");
    // Each 429 sends the key to wait for Retry-After (>= 1 s) and lowers the endpoint's rate: a few per Model at most.
    assertTrue(throttled <= 3L * n, "no retry storm against a throttling proxy: " + throttled + " x 429");
  }

  @Test
  void randomFailuresAndLatencyStillConvergeWithOneModelEach() {
    FakeLiteLLM proxy = proxyOf("flaky");
    proxy.options().latencyMs(30).failureFraction(0.3);
    try {
      int n = 8;
      for (int i = 0; i < n; i++) {
        c.resource(SandboxFixture.model(NS, "flaky-" + i, "flaky", "openai/gpt-4o")).create();
      }
      for (int i = 0; i < n; i++) {
        String name = "flaky-" + i;
        eventually(name + " Ready", Duration.ofSeconds(60), () -> ready(c, NS, name));
        assertEquals(1, rows(proxy, name), name + " exists once");
      }
      assertTrue(proxy.calls().stream().anyMatch(call -> call.status() == 500), "failures were injected");
    } finally {
      proxy.options().failureFraction(0).latencyMs(0);
    }
  }

  @Test
  void rapidEditsOfOneModelEndInItsLastSpec() {
    FakeLiteLLM proxy = proxyOf("ordered");
    proxy.options().latencyMs(50);
    c.resource(SandboxFixture.model(NS, "edited", "ordered", "openai/gpt-4o")).create();
    for (int rpm = 1; rpm <= 6; rpm++) {
      int value = rpm;
      // The operator adds its finalizer meanwhile: retry an edit that lost that race (409), as kubectl would.
      eventually("edit rpm=" + value, () -> {
        c.resources(Model.class).inNamespace(NS).withName("edited").edit(x -> {
          x.getSpec().litellmParams.rpm = value;
          return x;
        });
        return true;
      });
    }
    eventually("last spec applied", () -> {
      Model m = get(c, NS, "edited");
      return ready(c, NS, "edited") && m.getStatus().observedGeneration.equals(m.getMetadata().getGeneration())
          && rows(proxy, "edited") == 1 && Integer.valueOf(6).equals(params(proxy, "edited").getInteger("rpm"));
    });
    proxy.options().latencyMs(0);
  }
}
