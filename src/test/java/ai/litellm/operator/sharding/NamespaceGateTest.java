package ai.litellm.operator.sharding;

import static ai.litellm.operator.testing.Await.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.eventlog.Fence;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamespaceGateTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ReconcileRequest<Void> req(String ns) {
    return new ReconcileRequest<>(ns + "/m", ns, "m", 1, true, 1, 0, null);
  }

  @Test
  void closedOrInactiveNamespacesDoNotRun() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    AtomicInteger runs = new AtomicInteger();
    KeyHandler<Void> h = gate.guard(r -> {
      runs.incrementAndGet();
      return Future.succeededFuture(ReconcileResult.done());
    });
    gate.open("a");
    await(h.reconcile(req("a")));
    assertEquals(0, runs.get(), "inactive replica runs nothing");
    gate.setActive(true);
    await(h.reconcile(req("a")));
    await(h.reconcile(req("b")));
    assertEquals(1, runs.get(), "only the open namespace ran");
    gate.close("a");
    await(h.reconcile(req("a")));
    assertEquals(1, runs.get());
  }

  @Test
  void drainWaitsForRunningReconcilesOfThatNamespaceOnly() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.setActive(true);
    gate.open("a");
    gate.open("b");
    List<String> events = new CopyOnWriteArrayList<>();
    gate.addListener(new NamespaceGate.Listener() {
      @Override
      public void opened(String namespace) {
        events.add("opened " + namespace);
      }

      @Override
      public void released(String namespace) {
        events.add("released " + namespace);
      }
    });
    Promise<ReconcileResult> slowA = Promise.promise();
    Promise<ReconcileResult> slowB = Promise.promise();
    KeyHandler<Void> h = gate.guard(r -> "a".equals(r.namespace()) ? slowA.future() : slowB.future());
    h.reconcile(req("a"));
    h.reconcile(req("b"));
    gate.close("a");
    Future<Void> drained = gate.drained("a", Duration.ofSeconds(20));
    Thread.sleep(100);
    assertFalse(drained.isComplete(), "a reconcile of a is still running");
    slowA.complete(ReconcileResult.done());
    await(drained);
    assertEquals(List.of("released a"), events);
    assertEquals(1, gate.inFlight("b"), "b is untouched");
    slowB.complete(ReconcileResult.done());
  }

  @Test
  void drainTimesOutWhenAReconcileHangs() {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.setActive(true);
    gate.open("a");
    gate.<Void>guard(r -> Promise.<ReconcileResult>promise().future()).reconcile(req("a"));
    gate.close("a");
    Throwable e = ai.litellm.operator.testing.Await.awaitFailure(gate.drained("a", Duration.ofMillis(200)));
    assertTrue(e instanceof TimeoutException, e.toString());
  }

  @Test
  void allOpenGateLetsEverythingThrough() throws Exception {
    NamespaceGate gate = NamespaceGate.allOpen(vertx);
    AtomicInteger runs = new AtomicInteger();
    KeyHandler<Void> h = gate.guard(r -> {
      runs.incrementAndGet();
      return Future.succeededFuture(ReconcileResult.done());
    });
    await(h.reconcile(req("x")));
    await(h.reconcile(req("y")));
    assertEquals(2, runs.get());
    assertEquals(0, gate.inFlightTotal());
  }

  @Test
  void aThrowingHandlerStillLeavesTheCountBalanced() {
    NamespaceGate gate = NamespaceGate.allOpen(vertx);
    KeyHandler<Void> h = gate.guard(r -> {
      throw new IllegalStateException("boom");
    });
    Future<ReconcileResult> f = h.reconcile(req("x"));
    assertTrue(f.failed());
    assertEquals(0, gate.inFlight("x"));
  }

  /** Runs one reconcile through the gate and hands back the fence it was admitted with (null: not admitted). */
  private static Fence admit(NamespaceGate gate, String ns) throws Exception {
    AtomicReference<Fence> seen = new AtomicReference<>();
    await(gate.<Void>guard(r -> {
      seen.set(r.fence());
      return Future.succeededFuture(ReconcileResult.done());
    }).reconcile(req(ns)));
    return seen.get();
  }

  private static long inNanos(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  @Test
  void aReconcileCarriesTheDeadlineOfTheLastRenewal() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    gate.setActive(true);
    gate.open("a");
    Fence fence = admit(gate, "a");
    long left = fence.remainingNanos();
    assertTrue(left > Duration.ofSeconds(9).toNanos() && left <= Duration.ofSeconds(10).toNanos(), "left " + left);
    gate.renewedUntil(inNanos(Duration.ofSeconds(20)));
    assertTrue(fence.remainingNanos() > Duration.ofSeconds(19).toNanos(), "a renewal in time moves the fence on");
    assertTrue(gate.workUntil().orElseThrow().isAfter(java.time.Instant.now().plusSeconds(19)));
  }

  @Test
  void aFenceEndsTheRunningReconcilesForGoodAndAdmitsNothing() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    gate.setActive(true);
    gate.open("a");
    Fence before = admit(gate, "a");
    gate.fence();
    assertFalse(gate.isActive());
    assertTrue(before.remainingNanos() <= 0, "fenced: no time left for calls of a reconcile admitted before");
    assertNull(admit(gate, "a"), "nothing is admitted while fenced");
    // The Lease is renewed again and the replica works again: the old reconcile stays fenced, new ones may work.
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    gate.setActive(true);
    assertTrue(before.remainingNanos() <= 0, "a renewal after the fence does not revive the reconciles before it");
    assertTrue(admit(gate, "a").remainingNanos() > 0);
  }

  @Test
  void aDeadlineThatPassedClosesTheGateAndALaterRenewalDoesNotReviveItsReconciles() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    gate.setActive(true);
    gate.open("a");
    Fence before = admit(gate, "a");
    // The deadline passes before anyone calls fence() (a late timer, fabric8 noticing at its next retry); here a
    // renewal that came back after its own deadline stands for it, without sleeping.
    gate.renewedUntil(System.nanoTime() - 1);
    assertFalse(gate.isOpen("a"), "past its deadline the gate admits nothing, active or not");
    assertTrue(before.remainingNanos() <= 0);
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    assertTrue(gate.isOpen("a"));
    assertTrue(before.remainingNanos() <= 0, "the term that lapsed stays over");
    assertTrue(admit(gate, "a").remainingNanos() > Duration.ofSeconds(9).toNanos());
  }

  @Test
  void aCleanDeactivationLetsRunningReconcilesFinishUnderTheLease() throws Exception {
    NamespaceGate gate = new NamespaceGate(vertx);
    gate.renewedUntil(inNanos(Duration.ofSeconds(10)));
    gate.setActive(true);
    gate.open("a");
    Fence running = admit(gate, "a");
    gate.setActive(false); // a clean stop: drain while the Lease is still renewed
    assertTrue(running.remainingNanos() > 0);
    assertNull(admit(gate, "a"));
  }

  @Test
  void withoutALeaseThereIsNoFence() throws Exception {
    NamespaceGate gate = NamespaceGate.allOpen(vertx);
    assertEquals(Long.MAX_VALUE, admit(gate, "x").remainingNanos());
    assertTrue(gate.workUntil().isEmpty());
  }

}
