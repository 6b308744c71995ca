package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reconcile that waits for a downstream gives its permit back and takes one again before it goes on
 * ({@link DownstreamWait}); a deferred reconcile comes back later without counting as a failure.
 */
class DownstreamWaitTest {

    private Vertx vertx;
    private EventLog<Void> log;
    private final Map<String, Promise<String>> downstream = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    private Promise<String> downstreamOf(String key) {
        return downstream.computeIfAbsent(key, k -> Promise.promise());
    }

    /** Keys named "wait*" wait for their downstream promise without a permit; "hold*" wait for it holding theirs. */
    private final KeyHandler<Void> handler = req -> {
        order.add("start " + req.name());
        Future<String> answer = downstreamOf(req.key()).future();
        if (req.name().startsWith("wait")) {
            answer = req.downstreamWait().withoutPermit(answer);
        } else if (!req.name().startsWith("hold")) {
            answer = Future.succeededFuture("now");
        }
        return answer.map(v -> {
            order.add("end " + req.name());
            return ReconcileResult.done();
        });
    };

    private void deploy(int maxConcurrency, EventLogMetrics metrics) {
        log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 1, maxConcurrency), handler, metrics));
    }

    @Test
    void aReconcileWaitingForADownstreamHoldsNoPermit() {
        deploy(1, EventLogMetrics.noop());
        log.publish(event("wait-a", EventType.ADDED, 1));
        Await.eventually(() -> log.waitingDownstream() == 1, () -> "wait-a waits without its permit");
        for (int i = 0; i < 5; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> order.stream().filter(s -> s.startsWith("end k")).count() == 5,
                () -> "the only permit served the others meanwhile: " + order);
        assertEquals(1, log.inFlight(), "wait-a is still in flight: one reconcile per key holds");
        assertFalse(order.contains("end wait-a"));
        downstreamOf("ns/wait-a").complete("answer");
        Await.eventually(() -> order.contains("end wait-a") && log.inFlight() == 0 && log.lag(0) == 0,
                () -> "wait-a resumed and finished");
        assertEquals(0, log.waitingDownstream());
    }

    @Test
    void aResumingKeyTakesAPermitBeforeNewKeys() {
        deploy(1, EventLogMetrics.noop());
        log.publish(event("wait-a", EventType.ADDED, 1));
        Await.eventually(() -> log.waitingDownstream() == 1, () -> "wait-a waits");
        log.publish(event("hold-b", EventType.ADDED, 1));
        Await.eventually(() -> order.contains("start hold-b"), () -> "hold-b took the permit");
        downstreamOf("ns/wait-a").complete("answer");
        Await.sleep(50);
        assertFalse(order.contains("end wait-a"), "no permit: wait-a must wait for hold-b");
        log.publish(event("new-c", EventType.ADDED, 1));
        Await.sleep(50);
        assertFalse(order.contains("start new-c"));
        downstreamOf("ns/hold-b").complete("answer");
        Await.eventually(() -> order.contains("end new-c"), () -> "all done: " + order);
        assertTrue(order.indexOf("end wait-a") < order.indexOf("start new-c"),
                "the resuming key goes before a new one: " + order);
    }

    @Test
    void aReconcileThatFinishesWhileItsWaitIsPendingLeaksNoPermit() {
        Promise<String> never = Promise.promise();
        KeyHandler<Void> careless = req -> {
            order.add("start " + req.name());
            if (req.name().equals("a")) {
                req.downstreamWait().withoutPermit(never.future()); // not waited for
            }
            return Future.succeededFuture(ReconcileResult.done());
        };
        log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 1, 1), careless, EventLogMetrics.noop()));
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> log.inFlight() == 0 && log.lag(0) == 0, () -> "a finished");
        never.complete("late");
        for (int i = 0; i < 3; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> order.size() == 4 && log.inFlight() == 0 && log.lag(0) == 0,
                () -> "the only permit is still there: " + order);
        assertEquals(0, log.waitingDownstream());
    }

    @Test
    void stoppingEndsAReconcileThatWaitsForADownstream() {
        deploy(2, EventLogMetrics.noop());
        log.publish(event("wait-a", EventType.ADDED, 1));
        Await.eventually(() -> log.waitingDownstream() == 1, () -> "wait-a waits");
        long start = System.nanoTime();
        Await.await(log.stop(Duration.ofSeconds(20)));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10,
                "the stop did not wait for the downstream");
    }

    @Test
    void aDeferredKeyComesBackAfterItsDelayWithoutCountingAFailure() {
        AtomicInteger deferred = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        EventLogMetrics metrics = new EventLogMetrics() {
            @Override
            public void reconciled(String topic, ReconcileOutcome outcome, long nanos) {
                if (outcome == ReconcileOutcome.DEFERRED) {
                    deferred.incrementAndGet();
                }
                if (outcome.isError()) {
                    errors.incrementAndGet();
                }
            }

            @Override
            public void retryScheduled(String topic) {
                retries.incrementAndGet();
            }
        };
        List<Long> starts = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        KeyHandler<Void> h = req -> {
            starts.add(System.nanoTime());
            attempts.add(req.attempt());
            return Future.succeededFuture(starts.size() < 3
                    ? ReconcileResult.deferred(Duration.ofMillis(100), new RuntimeException("busy"))
                    : ReconcileResult.done());
        };
        log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 1, 2), h, metrics));
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> starts.size() == 3 && log.lag(0) == 0, () -> "ran three times and committed");
        assertEquals(List.of(1, 1, 1), attempts, "a deferral is not a failure: the attempt count stays");
        for (int i = 1; i < 3; i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(starts.get(i) - starts.get(i - 1));
            assertTrue(gapMs >= 95, "came back after its delay, gap " + gapMs + " ms");
        }
        assertEquals(2, deferred.get());
        assertEquals(0, errors.get());
        assertEquals(0, retries.get());
    }
}
