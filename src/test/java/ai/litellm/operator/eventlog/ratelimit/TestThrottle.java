package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;

/** A downstream's error in tests: "slow down" (as LiteLLM's 429/503) or, with {@code throttle} false, any failure. */
public final class TestThrottle extends RuntimeException implements ThrottleSignal {
    private final boolean throttle;
    private final Duration retryAfter;

    private TestThrottle(boolean throttle, Duration retryAfter) {
        super(throttle ? "throttled" : "failed", null, false, false);
        this.throttle = throttle;
        this.retryAfter = retryAfter;
    }

    /** A 429 with this Retry-After (null: none). */
    public static TestThrottle slowDown(Duration retryAfterOrNull) {
        return new TestThrottle(true, retryAfterOrNull);
    }

    /** A failure of the same type that is not throttling (a 400, say). */
    public static TestThrottle otherFailure() {
        return new TestThrottle(false, null);
    }

    @Override
    public boolean isThrottle() {
        return throttle;
    }

    @Override
    public Duration throttleRetryAfter() {
        return retryAfter;
    }
}
