package ai.litellm.operator.eventlog;

import java.time.Duration;
import java.util.Objects;

/** The outcome of one reconcile, which decides what the log does with the key next. */
public final class ReconcileResult {

    public enum Kind {
        /** Converged; forget the key until the next event. Resets the backoff. */
        DONE,
        /** Converged for now; look again after {@link #delay()} (e.g. polling a rollout). Resets the backoff. */
        REQUEUE_AFTER,
        /** Transient failure: retry with per-key exponential backoff, or after the downstream's Retry-After. */
        RETRY,
        /**
         * The spec cannot succeed as things are: wait for the next fresh change instead of retrying; with a
         * {@link #delay()}, also look again once after it (a slow re-check for conditions that heal without a spec
         * change, in case the event that would say so is missed).
         */
        PERMANENT,
        /**
         * A downstream could not take the call now (paused by a Retry-After, or its wait queue is full): look again
         * after {@link #delay()}, holding nothing meanwhile. Not a failure: the backoff stays as it is.
         */
        DEFERRED
    }

    private static final ReconcileResult DONE = new ReconcileResult(Kind.DONE, null, null);

    private final Kind kind;
    private final Duration delay;
    private final Throwable cause;

    private ReconcileResult(Kind kind, Duration delay, Throwable cause) {
        this.kind = kind;
        this.delay = delay;
        this.cause = cause;
    }

    public static ReconcileResult done() {
        return DONE;
    }

    public static ReconcileResult requeueAfter(Duration after) {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("negative requeue delay: " + after);
        }
        return new ReconcileResult(Kind.REQUEUE_AFTER, after, null);
    }

    /** @param retryAfterOrNull a downstream's Retry-After; null lets the per-key backoff decide */
    public static ReconcileResult retry(Throwable cause, Duration retryAfterOrNull) {
        if (retryAfterOrNull != null && retryAfterOrNull.isNegative()) {
            throw new IllegalArgumentException("negative retry-after: " + retryAfterOrNull);
        }
        return new ReconcileResult(Kind.RETRY, retryAfterOrNull, cause);
    }

    /** @param after when to look again (the downstream's hint; capped at twice the topic's backoff cap) */
    public static ReconcileResult deferred(Duration after, Throwable cause) {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("negative deferral: " + after);
        }
        return new ReconcileResult(Kind.DEFERRED, after, cause);
    }

    public static ReconcileResult permanent(Throwable cause) {
        return new ReconcileResult(Kind.PERMANENT, null, cause);
    }

    /**
     * Parked like {@link #permanent(Throwable)}, and looked at again after {@code recheckAfter} (low priority) unless a
     * fresh change comes first: for a failure that can heal without a spec change (another object goes away, a grant
     * appears), whose healing event might be missed.
     */
    public static ReconcileResult permanent(Throwable cause, Duration recheckAfter) {
        Objects.requireNonNull(recheckAfter, "recheckAfter");
        if (recheckAfter.isNegative()) {
            throw new IllegalArgumentException("negative re-check delay: " + recheckAfter);
        }
        return new ReconcileResult(Kind.PERMANENT, recheckAfter, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The requeue delay, the Retry-After, the deferral, a parked key's re-check delay, or null. */
    public Duration delay() {
        return delay;
    }

    /** The failure, or null. */
    public Throwable cause() {
        return cause;
    }

    @Override
    public String toString() {
        return "ReconcileResult{" + kind + (delay != null ? ", " + delay : "")
                + (cause != null ? ", " + cause.getClass().getSimpleName() : "") + "}";
    }
}
