package ai.litellm.operator.eventlog.ratelimit;

import static ai.litellm.operator.testing.Await.await;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admission to one downstream: the wait queue's cap, Retry-After pauses (capped), spread-out deferrals. */
class DownstreamGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }


    private static DownstreamDeferral deferral(Future<?> f) {
        assertTrue(f.failed(), "deferred at once");
        return assertInstanceOf(DownstreamDeferral.class, f.cause());
    }

    private DownstreamGate gate(int limit, int queue, Duration maxPause) {
        return new DownstreamGate(vertx, "litellm", new AdaptiveConcurrencyLimit(limit, limit, limit, 1), queue,
                maxPause);
    }

    @Test
    void beyondTheWaitQueueCallersAreDeferredToSpreadOutTimes() throws Exception {
        DownstreamGate gate = gate(1, 2, Duration.ofMinutes(1));
        DownstreamGate.Slot running = await(gate.acquire());
        Future<DownstreamGate.Slot> q1 = gate.acquire();
        Future<DownstreamGate.Slot> q2 = gate.acquire();
        assertFalse(q1.isComplete());
        List<Duration> hints = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DownstreamDeferral d = deferral(gate.acquire());
            assertEquals(DownstreamDeferral.Reason.BUSY, d.reason());
            hints.add(d.after());
        }
        for (int i = 1; i < hints.size(); i++) {
            assertTrue(hints.get(i).compareTo(hints.get(i - 1)) > 0, "each one later than the last: " + hints);
        }
        running.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        await(q1).release(DownstreamGate.Outcome.NO_SAMPLE, null);
        await(q2).release(DownstreamGate.Outcome.NO_SAMPLE, null);
    }

    @Test
    void aThrottleWithRetryAfterPausesTurnsAwayTheQueueAndIsCappedWithoutOverflow() throws Exception {
        DownstreamGate gate = gate(1, 10, Duration.ofSeconds(2));
        DownstreamGate.Slot running = await(gate.acquire());
        Future<DownstreamGate.Slot> queued = gate.acquire();
        running.release(DownstreamGate.Outcome.THROTTLED, Duration.ofSeconds(99999999999999L));
        DownstreamDeferral turnedAway = assertInstanceOf(DownstreamDeferral.class,
                queued.toCompletionStage().toCompletableFuture().handle((v, e) -> e.getCause() != null
                        ? e.getCause() : e).get(30, TimeUnit.SECONDS));
        assertEquals(DownstreamDeferral.Reason.PAUSED, turnedAway.reason());
        assertTrue(gate.throttled());
        List<Duration> hints = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            DownstreamDeferral d = deferral(gate.acquire());
            assertEquals(DownstreamDeferral.Reason.PAUSED, d.reason());
            hints.add(d.after());
        }
        for (Duration h : hints) {
            assertTrue(h.compareTo(Duration.ofMillis(1500)) > 0, "not before the pause ends: " + h);
            // The pause is capped at 2 s; the turned-away come back within one more cap after it.
            assertTrue(h.compareTo(Duration.ofSeconds(4)) <= 0, "the pause is capped at 2 s: " + h);
        }
        assertTrue(hints.stream().distinct().count() == hints.size(), "spread out, not all at once: " + hints);
    }

    @Test
    void aCallerFromAReconcileGivesItsPermitBackOnlyWhenItMustWait() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        DownstreamWait counting = new DownstreamWait() {
            @Override
            public <T> Future<T> withoutPermit(Future<T> pending) {
                waits.incrementAndGet();
                return pending;
            }
        };
        Limiter lim = new DownstreamLimiters(vertx,
                name -> new LimiterSettings(0, 0, 1, false, 10, Duration.ofSeconds(1)), EventLogMetrics.noop())
                .forDownstream("litellm:http://a:4000");
        assertEquals("ok", await(lim.call(() -> Future.succeededFuture("ok"), counting)));
        assertEquals(0, waits.get(), "a free slot: no wait, the permit stays");
        Promise<String> slow = Promise.promise();
        Future<String> first = lim.call(slow::future, counting);
        Future<String> second = lim.call(() -> Future.succeededFuture("second"), counting);
        assertEquals(1, waits.get(), "the second caller waits for the slot without its permit");
        assertEquals(1, lim.waiting());
        slow.complete("first");
        assertEquals("first", await(first));
        assertEquals("second", await(second));
        assertEquals(0, lim.inFlight());
    }

    @Test
    void aCallerWhoseLogStopsWhileItWaitsLeavesWithoutCallingAndItsSlotIsGivenBack() throws Exception {
        DownstreamWait stopping = new DownstreamWait() {
            @Override
            public <T> Future<T> withoutPermit(Future<T> pending) {
                return Future.failedFuture(new IllegalStateException("topic is stopping"));
            }
        };
        Limiter lim = new DownstreamLimiters(vertx,
                name -> new LimiterSettings(0, 0, 1, false, 10, Duration.ofSeconds(1)), EventLogMetrics.noop())
                .forDownstream("litellm:http://a:4000");
        Promise<String> slow = Promise.promise();
        Future<String> first = lim.call(slow::future);
        AtomicInteger called = new AtomicInteger();
        Future<String> second = lim.call(() -> {
            called.incrementAndGet();
            return Future.succeededFuture("never");
        }, stopping);
        DownstreamDeferral d = assertInstanceOf(DownstreamDeferral.class, second.cause());
        assertEquals(DownstreamDeferral.Reason.STOPPING, d.reason(), "not a failure of the call");
        slow.complete("first");
        assertEquals("first", await(first));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lim.inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, lim.inFlight(), "the slot granted to the caller that left was given back");
        assertEquals(0, called.get());
        assertEquals("ok", await(lim.call(() -> Future.succeededFuture("ok"))));
    }
}
