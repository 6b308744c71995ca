package ai.litellm.operator.eventlog.ratelimit;

/**
 * Limits of one downstream.
 *
 * @param ratePerSecond     token rate; {@code <= 0} means no rate limit
 * @param burst             bucket size
 * @param maxConcurrent     concurrent calls; {@code <= 0} means unbounded
 * @param adaptive          lower the rate on 429/503 (AIMD) and raise it back on success
 * @param minRatePerSecond  floor of the adaptive rate
 * @param increasePerSecond additive increase, requests/second gained per second of successful traffic
 * @param decreaseFactor    multiplicative decrease on a throttle, in (0, 1)
 */
public record LimiterSettings(double ratePerSecond, int burst, int maxConcurrent, boolean adaptive,
                              double minRatePerSecond, double increasePerSecond, double decreaseFactor) {

    public LimiterSettings {
        if (ratePerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 with a rate");
        }
        if (adaptive && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("an adaptive limiter needs a rate");
        }
    }

    /** A fixed token bucket, e.g. Kubernetes API writes (client-go's QPS/burst). */
    public static LimiterSettings fixed(double ratePerSecond, int burst) {
        return new LimiterSettings(ratePerSecond, burst, 0, false, 0, 0, 0);
    }

    /** An AIMD bucket plus a cap on concurrent calls, e.g. one LiteLLM endpoint. */
    public static LimiterSettings adaptive(double maxRatePerSecond, int burst, int maxConcurrent) {
        return new LimiterSettings(maxRatePerSecond, burst, maxConcurrent, true,
                Math.min(1.0, maxRatePerSecond), Math.max(1.0, maxRatePerSecond / 10), 0.5);
    }

    public static LimiterSettings unlimited() {
        return new LimiterSettings(0, 0, 0, false, 0, 0, 0);
    }
}
