package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of reconciles that complete at once (resyncs with nothing to do) must not hold the partition's event loop:
 * the reconciles that wait for I/O on that loop (a fresh change's LiteLLM answer, its status write) get their turn.
 */
class PartitionFairnessTest {

    private static final int FLOOD = 5_000;

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        // one event loop: the ingress and the partition share it, so the test can queue the whole flood at once
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    /**
     * The fresh change starts first (it has priority) and then waits for one callback on its own loop, as an HTTP
     * answer does. Before the loop yielded between batches of dispatches, the flood's reconciles that were ready ran
     * first, all in the same turn of the event loop (about 4,000 here: two intake batches). Counted in reconciles, not
     * time, so the machine's speed does not matter.
     */
    @Test
    void aReconcileWaitingForItsLoopIsNotQueuedBehindAFloodThatCompletesAtOnce() throws Exception {
        AtomicInteger floodRuns = new AtomicInteger();
        AtomicInteger floodRunsBeforeCallback = new AtomicInteger(-1);
        KeyHandler<Void> handler = req -> {
            if (req.name().equals("fresh")) {
                int at = floodRuns.get();
                Promise<ReconcileResult> answered = Promise.promise();
                Vertx.currentContext().runOnContext(v -> {
                    floodRunsBeforeCallback.set(floodRuns.get() - at);
                    answered.complete(ReconcileResult.done());
                });
                return answered.future();
            }
            floodRuns.incrementAndGet();
            return Future.succeededFuture(ReconcileResult.done());
        };
        EventLog<Void> log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 1, 64), handler,
                EventLogMetrics.noop()));

        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch loopHeld = new CountDownLatch(1);
        vertx.runOnContext(v -> {
            loopHeld.countDown();
            try {
                queued.await(10, TimeUnit.SECONDS); // hold the loop while every event is queued for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(loopHeld.await(10, TimeUnit.SECONDS));
        log.publish(event("fresh", EventType.ADDED, 1));
        for (int i = 0; i < FLOOD; i++) {
            log.publish(event("k" + i, EventType.RESYNC, 1));
        }
        queued.countDown();

        Await.eventually(() -> floodRunsBeforeCallback.get() >= 0, () -> "the fresh change's callback ran");
        Await.eventually(() -> floodRuns.get() == FLOOD, () -> "the whole flood ran, got " + floodRuns.get());
        assertTrue(floodRunsBeforeCallback.get() < 500, "resync reconciles that ran while the fresh change's "
                + "callback waited for its loop: " + floodRunsBeforeCallback.get());
    }
}
