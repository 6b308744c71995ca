package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;

/**
 * A downstream said "slow down" (HTTP 429 or 503). Callers classify responses and fail their future with this so a
 * {@link Limiter} lowers the downstream's rate. The message never carries request or response bodies.
 */
public class Throttled extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public Throttled(int status, Duration retryAfterOrNull) {
        super("downstream throttled: HTTP " + status
                + (retryAfterOrNull != null ? ", retry after " + retryAfterOrNull : ""), null, false, false);
        this.status = status;
        this.retryAfter = retryAfterOrNull;
    }

    public int status() {
        return status;
    }

    /** The downstream's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether an HTTP status means throttling (429 Too Many Requests, 503 Service Unavailable). */
    public static boolean isThrottleStatus(int status) {
        return status == 429 || status == 503;
    }
}
