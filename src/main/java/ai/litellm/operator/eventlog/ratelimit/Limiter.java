package ai.litellm.operator.eventlog.ratelimit;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Everything that guards one downstream: a slot of its {@link DownstreamGate} (its adaptive concurrency limit, wait
 * queue and Retry-After pause), then a token of its rate ceiling if it has one, then the call; the outcome feeds the
 * limit (a latency sample, or a halving on a {@link ThrottleSignal} that says so or a timeout). Waiting is
 * asynchronous throughout, and a caller from a reconcile waits without its reconcile permit
 * ({@link DownstreamWait}). A caller the downstream cannot take now fails at once with a {@link DownstreamDeferral}.
 */
public final class Limiter {
    private volatile long lastUsedNanos = System.nanoTime();

    private final String name;
    private final String limiterClass;
    private final DownstreamGate gate;
    private final TokenBucket bucket;
    private final EventLogMetrics metrics;

    Limiter(String name, String limiterClass, DownstreamGate gate, TokenBucket bucket, EventLogMetrics metrics) {
        this.name = name;
        this.limiterClass = limiterClass;
        this.gate = gate;
        this.bucket = bucket;
        this.metrics = metrics;
    }

    /** A call from outside a reconcile: any wait holds whatever the caller holds. */
    public <T> Future<T> call(Supplier<Future<T>> op) {
        return call(op, DownstreamWait.HOLDING);
    }

    /**
     * Waits for a slot and a token (giving the reconcile's permit back meanwhile through {@code wait}), runs
     * {@code op}, releases the slot and feeds the outcome into the limit. Fails with {@link DownstreamDeferral}, without
     * calling, when the downstream is paused or its wait queue is full.
     */
    public <T> Future<T> call(Supplier<Future<T>> op, DownstreamWait wait) {
        long start = System.nanoTime();
        Future<DownstreamGate.Slot> slot = gate == null ? Future.succeededFuture() : waitFor(gate.acquire(), wait);
        return slot.onFailure(this::countDeferral).compose(s -> {
            Future<Void> token = bucket == null ? Future.succeededFuture() : waitFor(bucket.acquire(), wait);
            return token.transform(ar -> {
                if (ar.failed()) {
                    release(s, ar);
                    return Future.failedFuture(ar.cause());
                }
                return run(op, s, start);
            });
        });
    }

    private void countDeferral(Throwable err) {
        if (err instanceof DownstreamDeferral d) {
            metrics.downstreamDeferred(limiterClass, d.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private <S> Future<S> waitFor(Future<S> pending, DownstreamWait wait) {
        if (pending.isComplete()) {
            return pending;
        }
        Future<S> resumed = wait.withoutPermit(pending);
        return resumed.recover(err -> {
            if (pending.failed() && pending.cause() == err) {
                return Future.failedFuture(err); // e.g. turned away by a pause
            }
            // The reconcile's log stopped while it waited: a slot granted later is given back unused, and the caller
            // learns that nothing was called (not a failure of the call).
            pending.onSuccess(s -> {
                if (s instanceof DownstreamGate.Slot unused) {
                    unused.release(DownstreamGate.Outcome.NO_SAMPLE, null);
                }
            });
            return Future.failedFuture(new DownstreamDeferral(limiterClass, DownstreamDeferral.Reason.STOPPING,
                    Duration.ZERO));
        });
    }

    private <T> Future<T> run(Supplier<Future<T>> op, DownstreamGate.Slot slot, long start) {
        metrics.rateLimiterWait(limiterClass, System.nanoTime() - start);
        if (slot != null) {
            slot.started();
        }
        Future<T> result;
        try {
            result = op.get();
            if (result == null) {
                result = Future.failedFuture(new IllegalStateException("operation returned no future"));
            }
        } catch (Throwable t) {
            result = Future.failedFuture(t);
        }
        return result.andThen(ar -> release(slot, ar));
    }

    private static void release(DownstreamGate.Slot slot, AsyncResult<?> ar) {
        if (slot == null) {
            return;
        }
        if (ar.succeeded()) {
            slot.release(DownstreamGate.Outcome.ANSWERED, null);
        } else if (ar.cause() instanceof ThrottleSignal t && t.isThrottle()) {
            slot.release(DownstreamGate.Outcome.THROTTLED, t.throttleRetryAfter());
        } else if (timedOut(ar.cause())) {
            slot.release(DownstreamGate.Outcome.DROPPED, null);
        } else {
            slot.release(DownstreamGate.Outcome.NO_SAMPLE, null);
        }
    }

    /** A call that got no answer in time is a sign of overload, like a 429 without Retry-After. */
    private static boolean timedOut(Throwable t) {
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A caller obtained this limiter now (see DownstreamLimiters' idle eviction). */
    void used(long nanoTime) {
        lastUsedNanos = nanoTime;
    }

    /** Unused for {@code idleNanos} and holding nothing: nothing in flight or waiting, no pause. */
    boolean idleSince(long now, long idleNanos) {
        return now - lastUsedNanos > idleNanos && inFlight() == 0 && waiting() == 0 && !throttled();
    }

    public String name() {
        return name;
    }

    /** The bounded metric label of this limiter. */
    public String limiterClass() {
        return limiterClass;
    }

    /** Calls allowed in flight now (the adaptive limit); {@code Double.POSITIVE_INFINITY} when not counted. */
    public double concurrencyLimit() {
        return gate != null ? gate.currentLimit() : Double.POSITIVE_INFINITY;
    }

    /** The ceiling of the concurrency limit; {@code Double.POSITIVE_INFINITY} when not counted. */
    public double maxConcurrency() {
        return gate != null ? gate.maxLimit() : Double.POSITIVE_INFINITY;
    }

    /** The adaptive limit's smoothed round trip in seconds; infinite when not counted, NaN before the first answer. */
    public double smoothedRoundTripSeconds() {
        return gate != null ? seconds(gate.smoothedRttNanos()) : Double.POSITIVE_INFINITY;
    }

    /**
     * The adaptive limit's no-load round trip in seconds (the lowest seen, re-measured by its probes): what it takes
     * the rest of a round trip for as queueing. Infinite when not counted, NaN before the first answer.
     */
    public double minimumRoundTripSeconds() {
        return gate != null ? seconds(gate.minRttNanos()) : Double.POSITIVE_INFINITY;
    }

    private static double seconds(double nanos) {
        return nanos > 0 ? nanos / 1e9 : Double.NaN;
    }

    /** The rate ceiling in calls per second; {@code Double.POSITIVE_INFINITY} when there is none. */
    public double rateCeiling() {
        return bucket != null ? bucket.rate() : Double.POSITIVE_INFINITY;
    }

    /** Calls running now (0 when not counted). */
    public int inFlight() {
        return gate != null ? gate.inFlight() : 0;
    }

    /** Callers queued for a slot now. */
    public int waiting() {
        return gate != null ? gate.waiting() : 0;
    }

    /** Whether the downstream pushed back: paused by a Retry-After now, or a 429/503 within the last minute. */
    public boolean throttled() {
        return gate != null && gate.throttled();
    }
}
