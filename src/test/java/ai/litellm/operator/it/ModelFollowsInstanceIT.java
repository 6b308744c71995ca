package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.controller.model.ModelFixtures.writes;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.1: a Model's Ready reflects its LiteLLMInstance at once, not at the next resync (30 minutes here). Seen
 * before the fix: 45 s after {@code kubectl delete llmi proxy-b} its Model still said Ready=True, "served by
 * LiteLLMInstance ai/proxy-b". The printer columns of {@code kubectl get models} read Ready's status (and, with
 * {@code -o wide}, its reason), so these tests read the same condition.
 */
class ModelFollowsInstanceIT {
  static final String NS = "follows";
  static final Duration PROMPTLY = Duration.ofSeconds(20);
  /** A deleted instance waits this long for its live Models (issue #14.2), then goes. */
  static final Duration GRACE = Duration.ofSeconds(3);
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    var cfg = SandboxFixture.testConfig();
    cfg.instanceDeletionGrace = GRACE;
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static void readyModelOn(String instance, String model) {
    c.resource(SandboxFixture.instance(NS, instance)).create();
    c.resource(SandboxFixture.model(NS, model, instance, "openai/gpt-4o")).create();
    eventually(model + " Ready", () -> ready(c, NS, model));
  }

  private static Condition condition(String model, String type) {
    return Conditions.find(get(c, NS, model).getStatus().conditions, type).orElseThrow();
  }

  private static void scale(String instance, int replicas) {
    // The operator writes the instance's status meanwhile: retry an edit that lost that race (409), as kubectl would.
    eventually("scale " + instance + " to " + replicas, () -> {
      c.resources(LiteLLMInstance.class).inNamespace(NS).withName(instance).edit(i -> {
        i.getSpec().replicas = replicas;
        return i;
      });
      return true;
    });
  }

  @Test
  void deletingTheInstanceTurnsItsModelNotReadyAtOnceAndLeavesTheLiteLLMModel() {
    readyModelOn("proxy-b", "b-model");
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy-b");

    c.resources(LiteLLMInstance.class).inNamespace(NS).withName("proxy-b").delete();

    eventually("Ready=False once the instance is deleted", PROMPTLY, () -> !ready(c, NS, "b-model"));
    String why = reason(c, NS, "b-model", "Ready");
    assertTrue(why.equals("InstanceNotFound") || why.equals("InstanceNotReady"), why);
    assertTrue(condition("b-model", "Ready").getMessage().contains("proxy-b"),
        condition("b-model", "Ready").getMessage());
    assertEquals(1, rows(proxy, "b-model"), "a live Model does not delete its LiteLLM model for its instance");

    eventually("the instance gone after its bounded wait for its live Model", Duration.ofSeconds(60),
        () -> c.resources(LiteLLMInstance.class).inNamespace(NS).withName("proxy-b").get() == null);
    c.resource(SandboxFixture.instance(NS, "proxy-b")).create();
    eventually("Ready again once the instance is back", PROMPTLY, () -> ready(c, NS, "b-model"));
    assertEquals(1, rows(proxy, "b-model"));
  }

  @Test
  void anInstanceScaledToZeroTurnsItsModelNotReadyAndBackWithoutALiteLLMWrite() {
    readyModelOn("scaled", "s-model");
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "scaled");
    proxy.resetCalls();

    scale("scaled", 0);
    eventually("InstanceNotReady", PROMPTLY, () -> "InstanceNotReady".equals(reason(c, NS, "s-model", "Ready")));
    Condition notReady = condition("s-model", "Ready");
    assertEquals("False", notReady.getStatus());
    assertTrue(notReady.getMessage().contains("scaled to 0 replicas"), notReady.getMessage());
    assertEquals("True", condition("s-model", "Synced").getStatus(), "what LiteLLM holds still matches the spec");
    if (KubectlGet.available()) {
      String wide = KubectlGet.modelWide(sandbox, NS, "s-model");
      assertTrue(KubectlGet.shows(wide, "s-model", "False", "InstanceNotReady"), wide);
    }

    scale("scaled", 1);
    // The simulated Deployment passes through "no available replica" while it rolls out after the scale-up, which the
    // Model follows; wait until both the API and kubectl show it settled Ready (CI caught the brief Ready in between).
    eventually("Ready once a replica is available", PROMPTLY, () -> ready(c, NS, "s-model")
        && "Synced".equals(reason(c, NS, "s-model", "Ready"))
        && (!KubectlGet.available()
            || KubectlGet.shows(KubectlGet.modelWide(sandbox, NS, "s-model"), "s-model", "True", "Synced")));
    assertEquals(0, writes(proxy).size(), "no LiteLLM write: nothing changed for the Model " + writes(proxy));
  }

  @Test
  void anInstanceWithoutAvailableReplicaTurnsItsModelNotReady() {
    readyModelOn("unavailable", "u-model");
    eventually("the Deployment available", () -> {
      var d = c.apps().deployments().inNamespace(NS).withName("unavailable-deployment").get();
      return d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas());
    });
    sandbox.kubelet().pause();
    try {
      // The Deployment controller's view of a crash loop: observed, no replica available.
      c.apps().deployments().inNamespace(NS).withName("unavailable-deployment").editStatus(d -> {
        d.getStatus().setAvailableReplicas(0);
        return d;
      });
      eventually("InstanceNotReady", PROMPTLY, () -> "InstanceNotReady".equals(reason(c, NS, "u-model", "Ready")));
      assertTrue(condition("u-model", "Ready").getMessage().contains("no available replica"),
          condition("u-model", "Ready").getMessage());
    } finally {
      sandbox.kubelet().resume();
    }
    eventually("Ready once the replica is available again", PROMPTLY, () -> ready(c, NS, "u-model"));
  }
}
