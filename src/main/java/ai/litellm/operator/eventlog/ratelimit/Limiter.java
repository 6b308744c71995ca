package ai.litellm.operator.eventlog.ratelimit;

import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * Everything that guards one downstream: a token, then a concurrency permit, then the call; the outcome feeds the
 * adaptive rate (a failure that is a {@link ThrottleSignal} saying so lowers it, success raises it). Waiting is
 * asynchronous throughout.
 */
public final class Limiter {

    private final String name;
    private final String limiterClass;
    private final TokenBucket bucket;
    private final AdaptiveRateLimiter adaptive;
    private final ConcurrencyLimiter concurrency;
    private final EventLogMetrics metrics;

    Limiter(String name, String limiterClass, TokenBucket bucket, AdaptiveRateLimiter adaptive,
            ConcurrencyLimiter concurrency, EventLogMetrics metrics) {
        this.name = name;
        this.limiterClass = limiterClass;
        this.bucket = bucket;
        this.adaptive = adaptive;
        this.concurrency = concurrency;
        this.metrics = metrics;
    }

    /** Waits for a token and a permit, runs {@code op}, releases the permit and reports throttling. */
    public <T> Future<T> call(Supplier<Future<T>> op) {
        long start = System.nanoTime();
        Future<Void> token = bucket != null ? bucket.acquire() : Future.succeededFuture();
        Future<Void> permit = concurrency != null ? token.compose(v -> concurrency.acquire()) : token;
        return permit.compose(v -> {
            metrics.rateLimiterWait(limiterClass, System.nanoTime() - start);
            Future<T> result;
            try {
                result = op.get();
                if (result == null) {
                    result = Future.failedFuture(new IllegalStateException("operation returned no future"));
                }
            } catch (Throwable t) {
                result = Future.failedFuture(t);
            }
            return result.andThen(ar -> {
                if (concurrency != null) {
                    concurrency.release();
                }
                if (adaptive != null) {
                    if (ar.succeeded()) {
                        adaptive.onSuccess();
                    } else if (ar.cause() instanceof ThrottleSignal t && t.isThrottle()) {
                        adaptive.onThrottled(t.throttleRetryAfter());
                    }
                }
            });
        });
    }

    public String name() {
        return name;
    }

    /** The bounded metric label of this limiter. */
    public String limiterClass() {
        return limiterClass;
    }

    /** Current rate in requests per second; {@code Double.POSITIVE_INFINITY} when not rate-limited. */
    public double currentRate() {
        if (adaptive != null) {
            return adaptive.currentRate();
        }
        return bucket != null ? bucket.rate() : Double.POSITIVE_INFINITY;
    }

    /** The ceiling of the rate: the adaptive maximum, the fixed rate, or infinity when not rate-limited. */
    public double maxRate() {
        if (adaptive != null) {
            return adaptive.maxRate();
        }
        return bucket != null ? bucket.rate() : Double.POSITIVE_INFINITY;
    }

    /** Calls running now (0 when concurrency is not limited). */
    public int inFlight() {
        return concurrency != null ? concurrency.inUse() : 0;
    }
}
