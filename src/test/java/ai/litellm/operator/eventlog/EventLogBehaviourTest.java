package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per numbered point of the issue (ordering, coalescing, priority, backoff, offsets, shutdown). */
class EventLogBehaviourTest {

    private Vertx vertx;
    private EventLog<?> log;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    private <S> EventLog<S> deploy(TopicConfig cfg, KeyHandler<S> h) {
        EventLog<S> deployed = Await.await(EventLog.deploy(vertx, cfg, h, EventLogMetrics.noop()));
        log = deployed;
        return deployed;
    }

    @Test
    void slowKeyDoesNotBlockOtherKeysOfItsPartition() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().hold("ns/slow");
        deploy(TestTopics.of("t", 1, 4), h);
        log.publish(event("slow", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/slow") == 1, () -> "slow key started");
        for (int i = 0; i < 50; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> h.calls.size() == 51, () -> "all other keys reconciled, got " + h.calls.size());
        assertEquals(1, log.inFlight());
    }

    @Test
    void synchronouslyCompletingHandlersDoNotRecurse() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().holdAll(true);
        deploy(TestTopics.of("t", 1, 64), h);
        for (int i = 0; i < 30_000; i++) {
            log.publish(event("k" + i, EventType.RESYNC, 1));
        }
        Await.eventually(() -> log.logEndOffset(0) == 30_000, () -> "appended");
        h.script(req -> ReconcileResult.done()).releaseAll(); // from now on every future is already complete
        Await.eventually(() -> h.calls.size() == 30_000 && log.lag(0) == 0, () -> "all ran, got " + h.calls.size());
    }

    @Test
    void concurrencyIsBoundedPerTopicAcrossPartitions() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().holdAll(true);
        deploy(TestTopics.of("t", 4, 3), h);
        for (int i = 0; i < 40; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> h.running.get() == 3, () -> "3 running");
        Await.sleep(100);
        assertEquals(3, h.calls.size(), "no more than maxConcurrency may start");
        h.releaseAll();
        Await.eventually(() -> h.calls.size() == 40, () -> "all 40 ran, got " + h.calls.size());
        Await.eventually(() -> h.running.get() == 0, () -> "drained");
        assertEquals(3, h.maxRunning.get());
    }

    @Test
    void thousandUpdatesDuringAReconcileCauseAtMostOneMoreRun() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().hold("ns/a");
        deploy(TestTopics.of("t", 2, 4), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 1, () -> "first run");
        for (int i = 0; i < 1000; i++) {
            log.publish(event("a", EventType.UPDATED, 2 + i));
        }
        Await.eventually(() -> log.lag(log.partitionOf("ns/a")) == 1001, () -> "all events appended");
        h.releaseAll();
        Await.eventually(() -> h.count("ns/a") == 2 && h.running.get() == 0, () -> "second run");
        Await.sleep(200);
        assertEquals(2, h.count("ns/a"));
        ReconcileRequest<Void> second = h.callsFor("ns/a").get(1).req();
        assertEquals(1001, second.latestGeneration(), "the re-run sees the latest generation");
        assertTrue(second.freshChange());
        Await.eventually(() -> log.lag(log.partitionOf("ns/a")) == 0, () -> "committed");
    }

    @Test
    void eventsForAQueuedKeyAreCompactedIntoOneRun() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().hold("ns/blocker");
        deploy(TestTopics.of("t", 1, 1), h);
        log.publish(event("blocker", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/blocker") == 1, () -> "blocker running");
        for (int i = 0; i < 300; i++) {
            log.publish(event("b", EventType.RESYNC, 1));
        }
        Await.eventually(() -> log.logEndOffset(0) == 301, () -> "appended");
        assertEquals(1, log.depth());
        h.releaseAll();
        Await.eventually(() -> h.count("ns/b") == 1 && h.running.get() == 0, () -> "b ran");
        Await.sleep(100);
        assertEquals(1, h.count("ns/b"));
    }

    @Test
    void freshChangesOvertakeTheResyncFlood() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().hold("ns/blocker");
        deploy(TestTopics.of("t", 1, 1), h);
        log.publish(event("blocker", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/blocker") == 1, () -> "blocker running");
        for (int i = 0; i < 2000; i++) {
            log.publish(event("r" + i, EventType.RESYNC, 1));
        }
        log.publish(event("r1500", EventType.UPDATED, 2));    // spec change of a queued key: promoted
        log.publish(event("r1700", EventType.UPDATED, 1));    // status-only update: stays low priority
        log.publish(event("new", EventType.ADDED, 1));
        log.publish(event("gone", EventType.DELETED, 3));
        Await.eventually(() -> log.logEndOffset(0) == 2005, () -> "appended");
        h.releaseAll();
        Await.eventually(() -> h.calls.size() == 2003, () -> "all ran, got " + h.calls.size());
        List<String> order = h.calls.stream().map(c -> c.req().key()).toList();
        assertEquals(List.of("ns/blocker", "ns/r1500", "ns/new", "ns/gone"), order.subList(0, 4));
        assertTrue(h.callsFor("ns/r1500").get(0).req().freshChange());
        assertFalse(h.callsFor("ns/r0").get(0).req().freshChange());
        assertEquals(1700 + 3, order.indexOf("ns/r1700") , "status-only update keeps its resync position");
    }

    @Test
    void withoutResyncPriorityTheQueueIsFifo() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().hold("ns/blocker");
        deploy(TestTopics.of("t", 1, 1).withResyncPriority(false), h);
        log.publish(event("blocker", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/blocker") == 1, () -> "blocker running");
        for (int i = 0; i < 100; i++) {
            log.publish(event("r" + i, EventType.RESYNC, 1));
        }
        log.publish(event("new", EventType.ADDED, 1));
        Await.eventually(() -> log.logEndOffset(0) == 102, () -> "appended");
        h.releaseAll();
        Await.eventually(() -> h.calls.size() == 102, () -> "all ran");
        assertEquals("ns/new", h.calls.get(101).req().key());
    }

    @Test
    void failuresBackOffExponentiallyThenSucceedAndReset() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().script(req -> req.attempt() <= 4
                ? ReconcileResult.retry(new RuntimeException("boom"), null) : ReconcileResult.done());
        deploy(TestTopics.of("t", 1, 2).withBackoff(Duration.ofMillis(40), Duration.ofSeconds(2)), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 5, () -> "5 attempts");
        List<RecordingHandler.Call<Void>> calls = h.callsFor("ns/a");
        for (int i = 1; i < calls.size(); i++) {
            assertEquals(i + 1, calls.get(i).req().attempt());
            long gapMs = TimeUnit.NANOSECONDS.toMillis(calls.get(i).startNanos() - calls.get(i - 1).startNanos());
            long minimum = (long) (40 * Math.pow(2, i - 1) * 0.8) - 2; // lower bound only: slow machines are fine
            assertTrue(gapMs >= minimum, "gap " + i + " was " + gapMs + " ms, expected >= " + minimum);
        }
        Await.eventually(() -> log.lag(0) == 0 && log.delayed() == 0, () -> "committed after success");
        // success reset the failure count: the next change starts again at attempt 1
        log.publish(event("a", EventType.UPDATED, 2));
        Await.eventually(() -> h.count("ns/a") == 6, () -> "sixth run");
        assertEquals(1, h.callsFor("ns/a").get(5).req().attempt());
    }

    @Test
    void retryAfterFromADownstreamIsHonoured() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().script(req -> req.attempt() == 1
                ? ReconcileResult.retry(new RuntimeException("429"), Duration.ofMillis(400)) : ReconcileResult.done());
        // Longer than the backoff would wait, within its cap (a longer one is capped: KeySchedulerTest).
        deploy(TestTopics.of("t", 1, 2).withBackoff(Duration.ofMillis(1), Duration.ofSeconds(1)), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 2, () -> "retried");
        List<RecordingHandler.Call<Void>> calls = h.callsFor("ns/a");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(calls.get(1).startNanos() - calls.get(0).startNanos());
        assertTrue(gapMs >= 395, "retry came after " + gapMs + " ms");
    }

    @Test
    void newGenerationResetsBackoffButResyncDoesNot() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().script(req -> req.latestGeneration() < 2
                ? ReconcileResult.retry(new RuntimeException("boom"), null) : ReconcileResult.done());
        deploy(TestTopics.of("t", 1, 2).withBackoff(Duration.ofSeconds(60), Duration.ofMinutes(5)), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 1 && log.delayed() == 1, () -> "first failure");
        log.publish(event("a", EventType.RESYNC, 1));
        log.publish(event("a", EventType.UPDATED, 1));
        Await.sleep(200);
        assertEquals(1, h.count("ns/a"), "backoff honoured for non-fresh events");
        log.publish(event("a", EventType.UPDATED, 2));
        Await.eventually(() -> h.count("ns/a") == 2, () -> "new generation runs at once");
        ReconcileRequest<Void> second = h.callsFor("ns/a").get(1).req();
        assertEquals(1, second.attempt());
        assertTrue(second.freshChange());
        Await.eventually(() -> log.delayed() == 0 && log.lag(0) == 0, () -> "settled");
    }

    @Test
    void permanentErrorsWaitForTheNextSpecChange() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().script(req -> req.latestGeneration() < 3
                ? ReconcileResult.permanent(new IllegalArgumentException("invalid spec")) : ReconcileResult.done());
        deploy(TestTopics.of("t", 1, 2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)), h);
        log.publish(event("a", EventType.ADDED, 2));
        Await.eventually(() -> h.count("ns/a") == 1 && h.running.get() == 0, () -> "first run");
        log.publish(event("a", EventType.RESYNC, 2));
        log.publish(event("a", EventType.UPDATED, 2));
        log.publish(event("a", EventType.REQUEUE, 2));
        Await.sleep(300);
        assertEquals(1, h.count("ns/a"), "no retry of a permanent error");
        assertEquals(0, log.lag(0), "ignored events are committed");
        log.publish(event("a", EventType.UPDATED, 3));
        Await.eventually(() -> h.count("ns/a") == 2, () -> "spec change reconciled");
    }

    @Test
    void requeueAfterRunsTheKeyAgainLater() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().script(req -> h0(req));
        deploy(TestTopics.of("t", 1, 2), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 2, () -> "requeued run");
        List<RecordingHandler.Call<Void>> calls = h.callsFor("ns/a");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(calls.get(1).startNanos() - calls.get(0).startNanos());
        assertTrue(gapMs >= 145, "requeue after " + gapMs + " ms");
        assertFalse(calls.get(1).req().freshChange());
        assertEquals(1, calls.get(1).req().attempt());
    }

    private static int requeues;

    private static synchronized ReconcileResult h0(ReconcileRequest<Void> req) {
        return requeues++ == 0 ? ReconcileResult.requeueAfter(Duration.ofMillis(150)) : ReconcileResult.done();
    }

    @Test
    void handlerExceptionsAndNullFuturesAreRetriedNotLost() {
        int[] n = {0};
        KeyHandler<Void> h = req -> {
            synchronized (n) {
                n[0]++;
                if (n[0] == 1) {
                    throw new IllegalStateException("thrown");
                }
                if (n[0] == 2) {
                    return null;
                }
            }
            return io.vertx.core.Future.succeededFuture(ReconcileResult.done());
        };
        deploy(TestTopics.of("t", 1, 1).withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> {
            synchronized (n) {
                return n[0] == 3;
            }
        }, () -> "third attempt");
        Await.eventually(() -> log.lag(0) == 0 && log.delayed() == 0, () -> "settled");
    }

    @Test
    void lagCountsEventsNotYetSettled() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().holdAll(true);
        deploy(TestTopics.of("t", 1, 1), h);
        log.publish(event("a", EventType.ADDED, 1));
        log.publish(event("b", EventType.ADDED, 1));
        log.publish(event("b", EventType.UPDATED, 2));
        Await.eventually(() -> log.logEndOffset(0) == 3, () -> "appended");
        assertEquals(3, log.lag(0));
        assertEquals(0, log.committedOffset(0));
        h.releaseAll();
        Await.eventually(() -> log.lag(0) == 0, () -> "all committed");
        assertEquals(3, log.committedOffset(0));
    }

    @Test
    void stopLetsRunningReconcilesFinishAndStartsNothingNew() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().holdAll(true);
        deploy(TestTopics.of("t", 2, 2), h);
        for (int i = 0; i < 10; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> h.running.get() == 2, () -> "2 running");
        var stopped = log.stop(Duration.ofSeconds(20));
        Await.sleep(100);
        assertFalse(stopped.isComplete(), "stop waits for running reconciles");
        h.releaseAll();
        Await.await(stopped);
        assertEquals(2, h.calls.size(), "no new reconcile starts after stop");
        log.publish(event("late", EventType.ADDED, 1)); // dropped, must not throw
    }

    @Test
    void stopGivesUpAfterMaxWait() {
        RecordingHandler<Void> h = new RecordingHandler<Void>().holdAll(true);
        deploy(TestTopics.of("t", 1, 1), h);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.running.get() == 1, () -> "running");
        ExecutionException e = assertThrows(ExecutionException.class, () -> log.stop(Duration.ofMillis(200))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void restartRebuildsFromTheInitialListAndReconcilesEveryKeyOnce() {
        RecordingHandler<Void> first = new RecordingHandler<Void>();
        deploy(TestTopics.of("t", 3, 8), first);
        for (int i = 0; i < 500; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> first.calls.size() == 500, () -> "first life");
        Await.await(log.stop(Duration.ofSeconds(10)));

        RecordingHandler<Void> second = new RecordingHandler<Void>();
        deploy(TestTopics.of("t", 3, 8), second);
        for (int i = 0; i < 500; i++) {
            log.publish(event("k" + i, EventType.RESYNC, 1)); // the informers' initial list
        }
        Await.eventually(() -> second.calls.size() == 500 && log.depth() == 0, () -> "second life");
        Await.sleep(100);
        for (int i = 0; i < 500; i++) {
            assertEquals(1, second.count("ns/k" + i));
        }
        assertEquals(500, first.calls.size(), "the stopped log no longer dispatches");
    }

    @Test
    void deletedKeysAreForgottenAfterTheirReconcile() {
        RecordingHandler<Void> h = new RecordingHandler<Void>();
        deploy(TestTopics.of("t", 1, 1), h);
        log.publish(event("a", EventType.ADDED, 1));
        log.publish(event("a", EventType.DELETED, 1));
        Await.eventually(() -> log.logEndOffset(0) == 2 && log.lag(0) == 0 && h.running.get() == 0, () -> "settled");
        int before = h.calls.size();
        // a later UPDATED of an unknown key is a fresh change again (state was dropped)
        log.publish(event("a", EventType.UPDATED, 1));
        Await.eventually(() -> h.calls.size() == before + 1, () -> "re-run");
        assertTrue(h.calls.get(before).req().freshChange(), "state of the deleted key was dropped");
    }
}
