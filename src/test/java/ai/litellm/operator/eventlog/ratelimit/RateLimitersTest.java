package ai.litellm.operator.eventlog.ratelimit;

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

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
    void concurrencyLimiterCapsHoldersAndPassesPermitsFifo() throws Exception {
        ConcurrencyLimiter lim = new ConcurrencyLimiter(vertx, 2);
        assertTrue(lim.acquire().succeeded());
        assertTrue(lim.acquire().succeeded());
        Future<Void> third = lim.acquire();
        Future<Void> fourth = lim.acquire();
        assertFalse(third.isComplete());
        assertEquals(2, lim.waiting());
        lim.release();
        await(third);
        assertFalse(fourth.isComplete());
        assertEquals(2, lim.inUse());
        lim.release();
        await(fourth);
        lim.release();
        lim.release();
        assertEquals(0, lim.inUse());
    }

    @Test
    void aimdHalvesOnThrottleOncePerWindowAndGrowsBackAdditively() {
        TokenBucket bucket = new TokenBucket(vertx, 40, 10);
        AdaptiveRateLimiter aimd = new AdaptiveRateLimiter(bucket, 1, 40, 4, 0.5);
        aimd.onThrottled(null);
        assertEquals(20, aimd.currentRate(), 1e-9);
        aimd.onThrottled(null); // same window: the 429s of requests already in flight count once
        assertEquals(20, aimd.currentRate(), 1e-9);
        assertEquals(20, bucket.rate(), 1e-9);
        for (int i = 0; i < 20; i++) { // about one second of traffic at 20/s
            aimd.onSuccess();
        }
        assertTrue(aimd.currentRate() > 23 && aimd.currentRate() < 24.5, "~+4/s, got " + aimd.currentRate());
        for (int i = 0; i < 10_000; i++) {
            aimd.onSuccess();
        }
        assertEquals(40, aimd.currentRate(), 1e-9, "capped at the configured rate");
    }

    @Test
    void fleetAgainstAThrottlingDownstreamConvergesToItsCapacity() throws Exception {
        // A fake proxy that takes 30 requests per second and answers 429 beyond that.
        DownstreamLimiters limiters = new DownstreamLimiters(vertx,
                name -> LimiterSettings.adaptive(200, 20, 8), EventLogMetrics.noop());
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
        assertTrue(lim.currentRate() < 200, "rate lowered from 200, is " + lim.currentRate());
        assertTrue(throttled.get() < 150, "most requests got through without hammering: throttled " + throttled.get());
    }

    private Future<String> retrying(Limiter lim, AtomicInteger windowCount, AtomicInteger throttled, int attempt) {
        return lim.<String>call(() -> windowCount.incrementAndGet() > 3
                        ? Future.failedFuture(TestThrottle.slowDown(Duration.ofMillis(50)))
                        : Future.succeededFuture("ok"))
                .recover(err -> {
                    throttled.incrementAndGet();
                    Promise<String> p = Promise.promise();
                    vertx.setTimer(20, t -> retrying(lim, windowCount, throttled, attempt + 1).onComplete(p));
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
                name -> new LimiterSettings(1000, 100, 1, false, 0, 0, 0), m);
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
    void onlyAThrottleSignalThatSaysSoLowersTheRate() throws Exception {
        DownstreamLimiters limiters = DownstreamLimiters.of(vertx, LimiterSettings.fixed(1000, 100),
                LimiterSettings.adaptive(40, 40, 4), EventLogMetrics.noop());
        Limiter lim = limiters.forDownstream(DownstreamLimiters.liteLLM("http://a:4000"));
        assertEquals(40.0, lim.maxRate());
        for (RuntimeException notThrottling : List.of(new IllegalStateException("boom"), TestThrottle.otherFailure())) {
            lim.call(() -> Future.failedFuture(notThrottling)).toCompletionStage().toCompletableFuture()
                    .handle((v, e) -> v).get(30, TimeUnit.SECONDS);
            assertEquals(40.0, lim.currentRate(), "not a throttle: " + notThrottling);
        }
        lim.call(() -> Future.failedFuture(TestThrottle.slowDown(null))).toCompletionStage().toCompletableFuture()
                .handle((v, e) -> v).get(30, TimeUnit.SECONDS);
        assertTrue(lim.currentRate() < 40.0, "a throttle lowers the rate: " + lim.currentRate());
        assertEquals(1000.0, limiters.forDownstream(DownstreamLimiters.KUBERNETES_WRITES).maxRate(),
                "Kubernetes writes get the caller's fixed limit");
        assertEquals(Double.POSITIVE_INFINITY, limiters.forDownstream("other").maxRate(), "anything else: unlimited");
    }
}
