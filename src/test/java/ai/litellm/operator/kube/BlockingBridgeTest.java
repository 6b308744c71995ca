package ai.litellm.operator.kube;

import static ai.litellm.operator.testing.Await.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process's one bridge: results on the caller's context, a control lane of its own, a close that never blocks. */
class BlockingBridgeTest {
  final Vertx vertx = Vertx.vertx();
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Occupies a bridge thread until {@link #release}; returns once the call is running. */
  Future<String> blockOne(BlockingBridge bridge) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    Future<String> f = bridge.call(() -> {
      entered.countDown();
      release.await();
      return "done";
    });
    assertTrue(entered.await(30, TimeUnit.SECONDS), "the call started");
    return f;
  }

  @Test
  void closingOnAnEventLoopReturnsAtOnceAndRunningCallsFinish() throws Exception {
    BlockingBridge bridge = new BlockingBridge(vertx, 2);
    Future<String> running = blockOne(bridge);

    // The running call can only finish after close() has returned to the event loop. A close() that waited for the
    // bridge's threads would hold the loop until its grace ran out and then interrupt the call: it would fail.
    vertx.runOnContext(v -> {
      bridge.close();
      release.countDown();
    });
    assertEquals("done", await(running), "a running call finishes after close");
    await(bridge.close()); // completes once every bridge thread has ended
    assertEquals(0, bridge.busy());
    Throwable refused = ai.litellm.operator.testing.Await.awaitFailure(bridge.call(() -> 1));
    assertTrue(refused instanceof IllegalStateException, refused.toString());
  }

  @Test
  void controlLaneRunsWhileEveryWorkThreadIsBusy() throws Exception {
    BlockingBridge bridge = new BlockingBridge(vertx, 1);
    blockOne(bridge); // the only work thread
    // A Lease renewal queued behind reconcile work would wait for `release`, which only the tear-down gives.
    assertEquals("renewed", await(bridge.callControl(() -> "renewed")));
    bridge.close();
  }

  @Test
  void resultsArriveOnTheCallersContext() throws Exception {
    BlockingBridge bridge = new BlockingBridge(vertx, 1);
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Context> completedOn = new CompletableFuture<>();
    caller.runOnContext(v -> bridge.callControl(() -> Thread.currentThread().getName())
        .onComplete(ar -> completedOn.complete(Vertx.currentContext())));
    assertSame(caller, completedOn.get(30, TimeUnit.SECONDS));
    bridge.close();
  }
}
