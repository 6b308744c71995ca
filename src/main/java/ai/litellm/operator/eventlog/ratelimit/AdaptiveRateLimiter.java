package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;

/**
 * AIMD control of a {@link TokenBucket}'s rate: each success adds {@code increasePerSecond / rate} (so the rate grows
 * by about {@code increasePerSecond} per second of successful traffic, whatever the rate); a throttle multiplies it by
 * {@code decreaseFactor}, at most once per decrease window so that a burst of 429s from requests already in flight
 * counts as one signal, and pauses the bucket for the downstream's Retry-After.
 */
public final class AdaptiveRateLimiter {

    private static final long MIN_DECREASE_WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final TokenBucket bucket;
    private final double minRate;
    private final double maxRate;
    private final double increasePerSecond;
    private final double decreaseFactor;
    private double rate;
    private long lastDecreaseNanos;
    private boolean decreasedOnce;

    public AdaptiveRateLimiter(TokenBucket bucket, double minRate, double maxRate, double increasePerSecond,
                               double decreaseFactor) {
        if (!(minRate > 0) || maxRate < minRate || !(increasePerSecond > 0)
                || !(decreaseFactor > 0 && decreaseFactor < 1)) {
            throw new IllegalArgumentException("need 0 < minRate <= maxRate, increase > 0, 0 < decreaseFactor < 1");
        }
        this.bucket = bucket;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.increasePerSecond = increasePerSecond;
        this.decreaseFactor = decreaseFactor;
        this.rate = Math.min(maxRate, Math.max(minRate, bucket.rate()));
        bucket.setRate(rate);
    }

    public void onSuccess() {
        double newRate;
        synchronized (this) {
            if (rate >= maxRate) {
                return;
            }
            rate = Math.min(maxRate, rate + increasePerSecond / rate);
            newRate = rate;
        }
        bucket.setRate(newRate);
    }

    /** @param retryAfterOrNull the downstream's Retry-After, honoured as a pause of the bucket */
    public void onThrottled(Duration retryAfterOrNull) {
        long now = System.nanoTime();
        double newRate = -1;
        synchronized (this) {
            long window = Math.max(MIN_DECREASE_WINDOW_NANOS,
                    retryAfterOrNull != null ? retryAfterOrNull.toNanos() : 0);
            if (!decreasedOnce || now - lastDecreaseNanos >= window) {
                decreasedOnce = true;
                lastDecreaseNanos = now;
                rate = Math.max(minRate, rate * decreaseFactor);
                newRate = rate;
            }
        }
        if (newRate > 0) {
            bucket.setRate(newRate);
        }
        if (retryAfterOrNull != null && !retryAfterOrNull.isNegative() && !retryAfterOrNull.isZero()) {
            bucket.pauseUntil(now + retryAfterOrNull.toNanos());
        }
    }

    /** The configured ceiling the rate climbs back to. */
    public double maxRate() {
        return maxRate;
    }

    /** The current rate (requests per second), for a gauge. */
    public synchronized double currentRate() {
        return rate;
    }
}
