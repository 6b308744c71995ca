package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;

/**
 * A call that was not made because its downstream cannot take it now: the downstream is paused by its Retry-After,
 * or as many callers as its wait queue holds already wait. Nothing was sent. The caller should let go of everything
 * and look again after {@link #after()} (a reservation on the downstream's estimated service time, so the callers it
 * turns away come back spread out, not all at once). Not a failure of the call or of the caller.
 */
public final class DownstreamDeferral extends RuntimeException {

    /** Why the call was deferred. */
    public enum Reason {
        /** The downstream answered 429/503 with a Retry-After that has not passed (capped at the backoff cap). */
        PAUSED,
        /** The downstream's wait queue is full. */
        BUSY,
        /** The caller's event log stopped while the caller waited: it goes away without calling. */
        STOPPING
    }

    private final Reason reason;
    private final transient Duration after;

    DownstreamDeferral(String limiterClass, Reason reason, Duration after) {
        super(message(limiterClass, reason), null, false, false);
        this.reason = reason;
        this.after = after;
    }

    /** Stable text (no times or counts), so that a status built from it does not change from one deferral to the next. */
    private static String message(String limiterClass, Reason reason) {
        return switch (reason) {
            case PAUSED -> limiterClass + " downstream asked to slow down (429/503 with Retry-After): calls to it wait "
                    + "until the pause ends";
            case BUSY -> limiterClass + " downstream is busy: its wait queue is full";
            case STOPPING -> "stopping: the call to the " + limiterClass + " downstream was not made";
        };
    }

    public Reason reason() {
        return reason;
    }

    /** When to try again. */
    public Duration after() {
        return after;
    }
}
