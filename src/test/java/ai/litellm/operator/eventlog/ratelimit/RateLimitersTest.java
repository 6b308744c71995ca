package ai.litellm.operator.eventlog.ratelimit;

import static ai.litellm.operator.testing.Await.await;

import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitersTest {

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }


    @Test
    void tokenBucketGivesTheBurstAtOnceThenPacesAtTheRate() throws Exception {
        TokenBucket bucket = new TokenBucket(vertx, 50, 10);
        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.acquire().succeeded(), "burst token " + i + " is immediate");
        }
        Future<Void> eleventh = bucket.acquire();
        assertFalse(eleventh.isComplete(), "no token left: the caller waits, it is not blocked");
        long start = System.nanoTime();
        List<Future<Void>> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(bucket.acquire());
        }
        await(Future.all(more));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 21 * 1000 / 50 - 30, "21 tokens at 50/s take >= ~420 ms, took " + ms);
        assertTrue(eleventh.succeeded());
    }

    @Test
    void tokenBucketCompletesWaitersOnTheirOwnContext() throws Exception {
        TokenBucket bucket = new TokenBucket(vertx, 100, 1);
        bucket.acquire();
        var ctx = vertx.getOrCreateContext();
        Promise<Boolean> sameContext = Promise.promise();
        ctx.runOnContext(v -> bucket.acquire().onComplete(ar -> sameContext.complete(vertx.getOrCreateContext() == ctx)));
        assertTrue(await(sameContext.future()));
    }

    @Test
    void pauseHoldsAllTokensUntilItEnds() throws Exception {
        TokenBucket bucket = new TokenBucket(vertx, 1000, 5);
        bucket.pauseUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
        long start = System.nanoTime();
        await(bucket.acquire());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 295);
    }

    @Test
    void aFixedGateCapsHoldersAndPassesSlotsFifo() throws Exception {
        DownstreamGate gate = new DownstreamGate(vertx, "litellm", new AdaptiveConcurrencyLimit(2, 2, 2, 1), 10,
                Duration.ofSeconds(1));
        DownstreamGate.Slot a = await(gate.acquire());
        DownstreamGate.Slot b = await(gate.acquire());
        Future<DownstreamGate.Slot> third = gate.acquire();
        Future<DownstreamGate.Slot> fourth = gate.acquire();
        assertFalse(third.isComplete());
        assertEquals(2, gate.waiting());
        a.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        DownstreamGate.Slot c = await(third);
        assertFalse(fourth.isComplete());
        assertEquals(2, gate.inFlight());
        b.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        b.release(DownstreamGate.Outcome.NO_SAMPLE, null); // twice: counted once
        DownstreamGate.Slot d = await(fourth);
        c.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        d.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        assertEquals(0, gate.inFlight());
    }

    @Test
    void aimdHalvesTheLimitOnThrottleOncePerWindow() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(32, 1, 32, TimeUnit.SECONDS.toNanos(10));
        long now = 1_000_000_000L;
        limit.onLoss(now);
        assertEquals(16, limit.limit(), 1e-9);
        limit.onLoss(now + 1_000); // same window: the 429s of calls already in flight count once
        assertEquals(16, limit.limit(), 1e-9);
        limit.onLoss(now + TimeUnit.SECONDS.toNanos(1));
        assertEquals(8, limit.limit(), 1e-9);
        for (int i = 0; i < 20; i++) {
            limit.onLoss(now + TimeUnit.SECONDS.toNanos(2 + i));
        }
        assertEquals(1, limit.limit(), 1e-9, "never below the floor");
    }

    @Test
    void fleetAgainstAThrottlingDownstreamBacksOffAndArrives() throws Exception {
        // A fake proxy that takes 3 requests per 100 ms and answers 429 (Retry-After 50 ms) beyond that.
        DownstreamLimiters limiters = new DownstreamLimiters(vertx,
                name -> LimiterSettings.adaptive(8, 200, Duration.ofSeconds(1)), EventLogMetrics.noop());
        Limiter lim = limiters.forDownstream(DownstreamLimiters.liteLLM("http://proxy:4000"));
        AtomicInteger windowCount = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        long timer = vertx.setPeriodic(100, id -> windowCount.set(0));
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            calls.add(retrying(lim, windowCount, throttled, 0));
        }
        await(Future.all(calls));
        vertx.cancelTimer(timer);
        assertTrue(lim.throttled(), "the downstream counts as throttled");
        assertTrue(throttled.get() < 150, "most requests got through without hammering: throttled " + throttled.get());
    }

    private Future<String> retrying(Limiter lim, AtomicInteger windowCount, AtomicInteger throttled, int attempt) {
        return lim.<String>call(() -> windowCount.incrementAndGet() > 3
                        ? Future.failedFuture(TestThrottle.slowDown(Duration.ofMillis(50)))
                        : Future.succeededFuture("ok"))
                .recover(err -> {
                    long after = 20;
                    if (err instanceof DownstreamDeferral d) {
                        after = Math.max(1, d.after().toMillis()); // nothing was sent: come back when told
                    } else {
                        throttled.incrementAndGet();
                    }
                    Promise<String> p = Promise.promise();
                    vertx.setTimer(after, t -> retrying(lim, windowCount, throttled, attempt + 1).onComplete(p));
                    return p.future();
                });
    }

    @Test
    void limiterReleasesPermitsOnFailureAndReportsWaits() throws Exception {
        ConcurrentHashMap<String, Long> waits = new ConcurrentHashMap<>();
        EventLogMetrics m = new EventLogMetrics() {
            @Override
            public void rateLimiterWait(String limiterClass, long nanos) {
                waits.merge(limiterClass, 1L, Long::sum);
            }
        };
        DownstreamLimiters limiters = new DownstreamLimiters(vertx,
                name -> new LimiterSettings(1000, 100, 1, false, 10, Duration.ofSeconds(1)), m);
        Limiter lim = limiters.forDownstream("litellm:http://a:4000");
        assertSame(lim, limiters.forDownstream("litellm:http://a:4000"));
        for (int i = 0; i < 5; i++) {
            Future<String> f = lim.call(() -> {
                throw new IllegalStateException("boom");
            });
            f.toCompletionStage().toCompletableFuture().handle((v, e) -> v).get(30, TimeUnit.SECONDS);
            assertTrue(f.failed());
        }
        assertEquals("ok", await(lim.call(() -> Future.succeededFuture("ok"))), "permit was released each time");
        assertEquals(6L, waits.get("litellm"), "metric label is the limiter class, never the endpoint");
        assertEquals("kubernetes-writes", DownstreamLimiters.limiterClass("kubernetes-writes"));
    }

    @Test
    void onlyAThrottleSignalThatSaysSoLowersTheLimit() throws Exception {
        DownstreamLimiters limiters = DownstreamLimiters.of(vertx, LimiterSettings.fixed(1000, 100),
                new LimiterSettings(0, 0, 4, false, 10, Duration.ofSeconds(1)).withRateCeiling(40, 40),
                EventLogMetrics.noop());
        Limiter lim = limiters.forDownstream(DownstreamLimiters.liteLLM("http://a:4000"));
        assertEquals(40.0, lim.rateCeiling());
        assertEquals(4.0, lim.maxConcurrency());
        Limiter adaptive = new DownstreamLimiters(vertx, name -> LimiterSettings.adaptive(8, 10, Duration.ofSeconds(1)),
                EventLogMetrics.noop()).forDownstream(DownstreamLimiters.liteLLM("http://b:4000"));
        double before = adaptive.concurrencyLimit();
        for (RuntimeException notThrottling : List.of(new IllegalStateException("boom"), TestThrottle.otherFailure())) {
            adaptive.call(() -> Future.failedFuture(notThrottling)).toCompletionStage().toCompletableFuture()
                    .handle((v, e) -> v).get(30, TimeUnit.SECONDS);
            assertEquals(before, adaptive.concurrencyLimit(), "not a throttle: " + notThrottling);
        }
        assertFalse(adaptive.throttled());
        adaptive.call(() -> Future.failedFuture(TestThrottle.slowDown(null))).toCompletionStage().toCompletableFuture()
                .handle((v, e) -> v).get(30, TimeUnit.SECONDS);
        assertTrue(adaptive.concurrencyLimit() < before, "a throttle lowers the limit: " + adaptive.concurrencyLimit());
        assertTrue(adaptive.throttled());
        assertEquals(1000.0, limiters.forDownstream(DownstreamLimiters.KUBERNETES_WRITES).rateCeiling(),
                "Kubernetes writes get the caller's fixed limit");
        assertEquals(Double.POSITIVE_INFINITY, limiters.forDownstream(DownstreamLimiters.KUBERNETES_WRITES)
                .concurrencyLimit(), "and no in-flight limit");
        assertEquals(Double.POSITIVE_INFINITY, limiters.forDownstream("other").rateCeiling(), "anything else: unlimited");
    }
}
