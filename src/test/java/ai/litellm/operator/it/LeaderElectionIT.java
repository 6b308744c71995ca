package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Plain leader election ({@code --leader-elect}, no sharding) with a warm stand-by, two replicas in one JVM on the
 * embedded API server: only the leader reconciles (every LiteLLM write falls inside the leader's active interval, the
 * stand-by is never active while the leader lives), a killed leader is replaced within lease duration + slack, and
 * the new leader converges without creating any model twice — including models created and changed while nobody led.
 */
class LeaderElectionIT {
  private static final String NS = "le-team";
  private static final int MODELS = 8;
  private static final Duration LEASE = Duration.ofSeconds(8);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofSeconds(1);
  /** Scheduling slack on a shared 2-core machine, on top of the lease duration. */
  private static final Duration SLACK = Duration.ofSeconds(20);

  private static OperatorConfig config(String identity) {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.leaderElection = true;
    cfg.identity = identity;
    cfg.leaseName = "litellm-operator";
    cfg.operatorNamespace = "default";
    cfg.leaseDuration = LEASE;
    cfg.renewDeadline = RENEW_DEADLINE;
    cfg.retryPeriod = RETRY;
    return cfg;
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandByTakesOverAfterACrash() {
    try (MultiReplicaSandbox sb = new MultiReplicaSandbox(); LeadershipLog log = new LeadershipLog()) {
      SandboxFixture.namespace(sb.client, "default");
      SandboxFixture.namespace(sb.client, NS);

      OperatorProcess leader = sb.startReplica(config("le-a"));
      log.watch(leader);
      eventually("le-a leads", LEASE.plus(SLACK), () -> leader.operator().gate().isActive());
      OperatorProcess standBy = sb.startReplica(config("le-b"));
      log.watch(standBy);
      assertEquals("le-a", holder(sb));

      sb.create(SandboxFixture.instance(NS, "proxy"));
      for (int i = 0; i < MODELS; i++) {
        sb.create(SandboxFixture.model(NS, "m" + i, "proxy", "openai/gpt-4o"));
      }
      eventually("all Models Ready under le-a", Duration.ofMinutes(3), () -> sb.allModelsReady(NS)
          && sb.client.resources(Model.class).inNamespace(NS).list().getItems().size() == MODELS);
      FakeLiteLLM proxy = sb.proxies.proxy(NS, "proxy");
      assertEquals(MODELS, proxy.models().size());
      // A warm stand-by: its informers hold the fleet, yet its gate never let a reconcile through.
      assertFalse(standBy.operator().gate().isActive(), "stand-by active while the leader lives");
      assertTrue(log.intervals().stream().noneMatch(i -> i.replica().equals("le-b")), "le-b was active: "
          + log.intervals());
      assertTrue(standBy.operator().gate().inFlightTotal() == 0);

      // Crash the leader; while nobody leads, add a model and change another one.
      Instant killedAt = Instant.now();
      leader.kill();
      log.killed(leader);
      sb.create(SandboxFixture.model(NS, "late", "proxy", "openai/late"));
      Model m0 = sb.client.resources(Model.class).inNamespace(NS).withName("m0").get();
      m0.getSpec().litellmParams.model = "openai/gpt-4o-mini";
      sb.client.resource(m0).update();

      eventually("le-b takes over", LEASE.plus(SLACK), () -> standBy.operator().gate().isActive());
      double takeover = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;
      System.out.printf("[leader-election] le-b took over %.1f s after the leader was killed (lease %s)%n", takeover,
          LEASE);
      assertEquals("le-b", holder(sb));
      // A crash releases nothing: the stand-by must have waited for the lease to expire (its last renewal was at
      // most one retry period before the kill). A lower bound, so delays on a loaded machine cannot break it.
      assertTrue(takeover >= (LEASE.minus(RETRY).toMillis() - 500) / 1000.0,
          "took over after " + takeover + " s: the killed leader's lease was released instead of left to expire");

      eventually("le-b converges", Duration.ofMinutes(3), () -> sb.allModelsReady(NS)
          && MultiReplicaSandbox.ready(sb.client.resources(Model.class).inNamespace(NS).withName("late").get())
          && proxy.models().stream().anyMatch(j -> "m0".equals(j.getString("model_name"))
              && "openai/gpt-4o-mini".equals(j.getJsonObject("litellm_params").getString("model"))),
          () -> proxy.models().toString());

      // No duplicates: one row per Model in LiteLLM, one successful create per Model name.
      Map<String, Long> rows = proxy.models().stream()
          .collect(Collectors.groupingBy(j -> j.getString("model_name"), TreeMap::new, Collectors.counting()));
      assertEquals(MODELS + 1, rows.size(), "rows: " + rows);
      rows.forEach((name, n) -> assertEquals(1L, n, name + " has " + n + " rows"));
      Map<String, Long> creates = proxy.calls().stream()
          .filter(c -> "/model/new".equals(c.path()) && c.status() == 200)
          .collect(Collectors.groupingBy(c -> new JsonObject(c.bodySummary()).getString("model_name"), TreeMap::new,
              Collectors.counting()));
      creates.forEach((name, n) -> assertEquals(1L, n, name + " created " + n + " times"));
      assertEquals(rows.keySet(), creates.keySet());

      // Every LiteLLM write happened while exactly one replica led, and the right one for its time.
      List<String> outside = new ArrayList<>();
      for (RecordedCall call : proxy.calls()) {
        if (!call.path().startsWith("/model/") || "GET".equals(call.method())) {
          continue;
        }
        List<String> active = log.activeAt(call.time());
        String expected = call.time().isBefore(killedAt) ? "le-a" : "le-b";
        if (!active.equals(List.of(expected))) {
          outside.add(call.method() + " " + call.path() + " at " + call.time() + " active " + active);
        }
      }
      assertEquals(List.of(), outside, "LiteLLM writes outside the leader's term; terms: " + log.intervals());
      assertEquals(List.of(), log.overlaps(), "two leaders at once");
    }
  }

  @Test
  void aCleanStopReleasesTheLeaseAndTheStandByTakesOver() {
    try (MultiReplicaSandbox sb = new MultiReplicaSandbox(); LeadershipLog log = new LeadershipLog()) {
      SandboxFixture.namespace(sb.client, "default");
      SandboxFixture.namespace(sb.client, NS);
      OperatorProcess leader = sb.startReplica(config("le-a"));
      eventually("le-a leads", LEASE.plus(SLACK), () -> leader.operator().gate().isActive());
      OperatorProcess standBy = sb.startReplica(config("le-b"));
      log.watch(leader);
      log.watch(standBy);
      sb.create(SandboxFixture.instance(NS, "proxy"));
      sb.create(SandboxFixture.model(NS, "m0", "proxy", "openai/gpt-4o"));
      eventually("m0 Ready", Duration.ofMinutes(2), () -> sb.allModelsReady(NS)
          && sb.client.resources(Model.class).inNamespace(NS).list().getItems().size() == 1);

      Instant stoppedAt = Instant.now();
      leader.close(); // drains, then releases the lease
      eventually("le-a released the lease", Duration.ofSeconds(10), () -> !"le-a".equals(holder(sb)));
      eventually("le-b takes over", LEASE.plus(SLACK), () -> standBy.operator().gate().isActive());
      Duration took = Duration.between(stoppedAt, Instant.now());
      System.out.printf("[leader-election] after a clean stop le-b took over in %.1f s%n", took.toMillis() / 1000.0);
      assertEquals("le-b", holder(sb));
      sb.create(SandboxFixture.model(NS, "m1", "proxy", "openai/gpt-4o"));
      eventually("m1 Ready under le-b", Duration.ofMinutes(2), () -> MultiReplicaSandbox.ready(
          sb.client.resources(Model.class).inNamespace(NS).withName("m1").get()));
      assertEquals(List.of(), log.overlaps(), "two leaders at once");
      Map<String, Long> rows = sb.proxies.proxy(NS, "proxy").models().stream()
          .collect(Collectors.groupingBy(j -> j.getString("model_name"), Collectors.counting()));
      assertEquals(Map.of("m0", 1L, "m1", 1L), rows);
    }
  }

  private static String holder(MultiReplicaSandbox sb) {
    Lease lease = sb.client.leases().inNamespace("default").withName("litellm-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
