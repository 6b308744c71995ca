package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one downstream.
 *
 * @param ratePerSecond a ceiling on the call rate (a token bucket); {@code <= 0}: none
 * @param burst         the bucket's size (with a rate)
 * @param maxConcurrent calls in flight: the ceiling of the adaptive limit, or the fixed limit; {@code <= 0}: not
 *                      counted (no wait queue, no pause)
 * @param adaptive      find the limit from latency (up to {@code maxConcurrent}) and halve it on 429/503/timeouts
 *                      ({@link AdaptiveConcurrencyLimit})
 * @param waitQueue     callers that may wait for a slot; beyond it they are deferred ({@link DownstreamDeferral})
 * @param maxPause      the longest pause a Retry-After can cause (the operator's backoff cap)
 */
public record LimiterSettings(double ratePerSecond, int burst, int maxConcurrent, boolean adaptive, int waitQueue,
                              Duration maxPause) {

    private static final Duration NO_PAUSE_CAP = Duration.ofMinutes(5);

    public LimiterSettings {
        Objects.requireNonNull(maxPause, "maxPause");
        if (ratePerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 with a rate");
        }
        if (adaptive && maxConcurrent < 1) {
            throw new IllegalArgumentException("an adaptive limit needs a ceiling (maxConcurrent >= 1)");
        }
        if (waitQueue < 0 || maxPause.isNegative() || maxPause.isZero()) {
            throw new IllegalArgumentException("need waitQueue >= 0 and maxPause > 0");
        }
    }

    /** A fixed token bucket and nothing else, e.g. Kubernetes API writes (client-go's QPS/burst). */
    public static LimiterSettings fixed(double ratePerSecond, int burst) {
        return new LimiterSettings(ratePerSecond, burst, 0, false, 0, NO_PAUSE_CAP);
    }

    /**
     * An adaptive concurrency limit up to {@code maxConcurrent}, a wait queue of {@code waitQueue} callers, Retry-After
     * pauses capped at {@code maxPause}, no rate ceiling: e.g. one LiteLLM proxy.
     */
    public static LimiterSettings adaptive(int maxConcurrent, int waitQueue, Duration maxPause) {
        return new LimiterSettings(0, 0, maxConcurrent, true, waitQueue, maxPause);
    }

    /** The same limits plus a ceiling on the call rate ({@code ratePerSecond <= 0}: none). */
    public LimiterSettings withRateCeiling(double ratePerSecond, int burst) {
        return new LimiterSettings(ratePerSecond, burst, maxConcurrent, adaptive, waitQueue, maxPause);
    }

    public static LimiterSettings unlimited() {
        return new LimiterSettings(0, 0, 0, false, 0, NO_PAUSE_CAP);
    }
}
