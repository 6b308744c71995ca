package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import ai.litellm.operator.sharding.CuttableLeaseStore;
import ai.litellm.operator.sharding.NamespaceGate;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A replica cut off from the Lease API while its proxy answers in 20 s (far beyond the fence window) stops calling
 * LiteLLM at its fence, in every mode that has a Lease: ring sharding, leader election, static sharding with leader
 * election. At the fake LiteLLM (which records when each request arrived and when it ended or was dropped):
 * <ul>
 *   <li>no request of the cut replica arrives after its fence;</li>
 *   <li>every request in flight at the fence has ended by the fence (the replica stopped waiting and dropped it);</li>
 *   <li>the replica's reconciles have drained before anyone may take its work over (fence + leaseDuration −
 *       renewDeadline).</li>
 * </ul>
 * "Fence" is the time the replica itself says it stops ({@link NamespaceGate#workUntil()}); a small slack covers timer
 * and scheduling lateness on a loaded machine, far less than the 20 s a call would otherwise run on.
 */
class FencedLiteLLMCallsIT {
  private static final String NS = "fence-team";
  private static final int MODELS = 4;
  private static final Duration LATENCY = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofSeconds(8);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofSeconds(1);
  /** Timer and scheduling lateness allowed around the fence. */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);
  /** Generous waits for setup steps on a shared 2-core machine. */
  private static final Duration WAIT = Duration.ofMinutes(2);

  private static OperatorConfig config(String mode) {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.identity = "fence-" + mode;
    cfg.leaseName = "litellm-operator";
    cfg.operatorNamespace = "default";
    cfg.leaseDuration = LEASE;
    cfg.renewDeadline = RENEW_DEADLINE;
    cfg.retryPeriod = RETRY;
    switch (mode) {
      case "ring" -> cfg.shardingMode = "ring";
      case "leader-elect" -> cfg.leaderElection = true;
      case "static" -> {
        cfg.shardingMode = "static";
        cfg.shardIndex = 0;
        cfg.shardCount = 1;
        cfg.leaderElection = true;
      }
      default -> throw new IllegalArgumentException(mode);
    }
    return cfg;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "leader-elect", "static"})
  void aCutOffReplicaMakesNoLiteLLMCallAfterItsFence(String mode) {
    try (MultiReplicaSandbox sb = new MultiReplicaSandbox()) {
      SandboxFixture.namespace(sb.client, "default");
      SandboxFixture.namespace(sb.client, NS);
      CuttableLeaseStore[] store = new CuttableLeaseStore[1];
      OperatorProcess replica = sb.startReplica(config(mode), s -> store[0] = new CuttableLeaseStore(s));
      NamespaceGate gate = replica.operator().gate();
      eventually(mode + " replica may reconcile " + NS, WAIT, () -> gate.isOpen(NS));

      sb.create(SandboxFixture.instance(NS, "proxy"));
      for (int i = 0; i < MODELS; i++) {
        sb.create(SandboxFixture.model(NS, "m" + i, "proxy", "openai/gpt-4o"));
      }
      eventually("all Models Ready", WAIT, () -> sb.allModelsReady(NS)
          && sb.client.resources(Model.class).inNamespace(NS).list().getItems().size() == MODELS);
      FakeLiteLLM proxy = sb.proxies.proxy(NS, "proxy");

      // Every LiteLLM call now takes 20 s; a spec change of every Model starts calls that are in flight at the cut.
      proxy.options().latencyMs(LATENCY.toMillis());
      for (int i = 0; i < MODELS; i++) {
        Model m = sb.client.resources(Model.class).inNamespace(NS).withName("m" + i).get();
        m.getSpec().litellmParams.model = "openai/gpt-4o-mini";
        sb.client.resource(m).update();
      }
      eventually("LiteLLM calls in flight", WAIT, () -> liteLLMCallsInFlight(replica) >= 1);

      assertNotNull(store[0], "the " + mode + " replica's Lease calls go through its LeaseStore (the cut needs it)");
      Instant cutAt = Instant.now();
      store[0].cut(true);
      try {
        eventually("the cut-off replica stops reconciling", RENEW_DEADLINE.plus(WAIT), () -> !gate.isActive());
        Instant inactiveAt = Instant.now();
        Instant fence = fenceOf(gate, inactiveAt);
        Instant takeoverEarliest = fence.plus(LEASE.minus(RENEW_DEADLINE));
        // Wait (without asserting) until the replica drained and the fake saw every call end; on failure the
        // assertions below say what went wrong.
        Instant drainedAt = awaitDrained(gate, replica, proxy, LATENCY.multipliedBy(3));

        List<RecordedCall> calls = proxy.calls().stream().filter(c -> c.path().startsWith("/model")).toList();
        List<RecordedCall> beforeFence = calls.stream().filter(c -> !c.received().isAfter(fence)).toList();
        List<RecordedCall> afterFence = calls.stream()
            .filter(c -> c.received().isAfter(fence.plus(CLOCK_SLACK))).toList();
        List<RecordedCall> endedLate = beforeFence.stream()
            .filter(c -> c.time().isAfter(fence.plus(CLOCK_SLACK))).toList();
        System.out.printf("[fence] %s: cut at %s, fence %s, inactive at %s, drained at %s; %d calls, %d in flight at "
            + "the fence%n", mode, cutAt, fence, inactiveAt, drainedAt, calls.size(),
            beforeFence.stream().filter(c -> c.time().isAfter(cutAt)).count());
        assertTrue(beforeFence.stream().anyMatch(c -> c.time().isAfter(cutAt)),
            "no LiteLLM call was in flight at the cut: the test proves nothing; calls " + calls);
        assertAll(
            () -> assertTrue(endedLate.isEmpty(), "calls in flight at the fence " + fence + " ended after it: "
                + endedLate),
            () -> assertTrue(afterFence.isEmpty(), "calls made after the fence " + fence + ": " + afterFence),
            () -> assertFalse(drainedAt == null || drainedAt.isAfter(takeoverEarliest), "reconciles still ran at "
                + takeoverEarliest + " (another replica may take over then); drained at " + drainedAt));
      } finally {
        store[0].cut(false);
      }
    }
  }

  /**
   * The time the replica stops working by its own account: the deadline of its last renewal. The gate stops admitting
   * reconciles then, whenever the Lease code gets round to marking it inactive (for leader election, fabric8 notices
   * only at its next retry), so that is never later than {@code inactiveAt}.
   */
  private static Instant fenceOf(NamespaceGate gate, Instant inactiveAt) {
    Instant fence = gate.workUntil().orElseThrow(() -> new AssertionError("no deadline: the replica has no fence"));
    assertFalse(fence.isAfter(inactiveAt.plus(CLOCK_SLACK)), "fence " + fence + " after the replica went inactive at "
        + inactiveAt);
    return fence;
  }

  /** When the replica ran no reconcile and no LiteLLM call any more and the fake saw them all end; null if never. */
  private static Instant awaitDrained(NamespaceGate gate, OperatorProcess replica, FakeLiteLLM proxy,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (gate.inFlightTotal() == 0 && liteLLMCallsInFlight(replica) == 0
          && proxy.calls().stream().filter(c -> c.path().startsWith("/model")).count() >= liteLLMCallsMade(replica)) {
        return Instant.now();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private static double liteLLMCallsInFlight(OperatorProcess replica) {
    Gauge g = replica.registry().find("litellm_operator_limiter_in_flight").tag("limiter", "litellm").gauge();
    return g == null ? 0 : g.value();
  }

  private static double liteLLMCallsMade(OperatorProcess replica) {
    return replica.registry().find("litellm_operator_litellm_requests").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }
}
