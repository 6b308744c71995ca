package ai.litellm.operator.litellm;

import ai.litellm.operator.eventlog.ratelimit.ThrottleSignal;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed LiteLLM management call, classified so callers can decide without parsing messages. The message is safe
 * to show users (status, Events, logs): operation, status, kind, LiteLLM's error type and code, and at most 300
 * characters of its text with every secret of the request removed in any encoding and echoed request structures
 * dropped ({@link SecretScrubber}); never the request body or a key.
 */
public final class LiteLLMException extends RuntimeException implements ThrottleSignal {

    public enum Kind {
        /** 401/403: wrong master key or not a proxy admin. */
        UNAUTHORIZED,
        /**
         * The model id or credential name does not exist (404; 400 "not found" on a model delete and get-by-id; a
         * credential PATCH or DELETE error with code 404, or Prisma's "Record to delete does not exist").
         */
        NOT_FOUND,
        /**
         * Model create answered 500 "Failed to add model to db": the id probably exists; confirm by reading. Credential
         * create answered 500 with the unique-constraint error: the name exists.
         */
        DUPLICATE_ID,
        /** 429; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** Connection refused/reset, timeouts, 502/503/504: the write may or may not have happened. */
        UNAVAILABLE,
        /**
         * LiteLLM refused the request itself: 422 validation, a 400 naming a missing field, an id held by a config-file
         * model, other 4xx. Sending the same request again cannot succeed.
         */
        BAD_REQUEST,
        /**
         * A 400 that does not say the request is at fault: every model endpoint turns an exception it did not expect
         * (a DB timeout as much as a bug) into 400 "Authentication Error, &lt;exception&gt;" (reference §1.2). A retry
         * may succeed.
         */
        UNEXPECTED,
        /**
         * The proxy stores no models added through its API: it has no database ("No DB Connected", "DB not
         * connected") or STORE_MODEL_IN_DB is off. No retry can succeed until the proxy is configured (issue #14.9).
         * Credential writes need the database too and fail with this kind without one.
         */
        NO_MODEL_STORE,
        /** Other 5xx (internal errors) or an unparseable success body. */
        SERVER_ERROR
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    LiteLLMException(Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * HTTP status, or 0 when no response arrived. For an error LiteLLM answered with HTTP 200 (a credential PATCH or
     * DELETE that returned its exception), the status the body's {@code code} names.
     */
    public int status() {
        return status;
    }

    /** Server-requested wait from {@code Retry-After} (seconds or HTTP date), when present. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** 429 and 503 ask the caller to slow down: the per-proxy adaptive rate limiter lowers its rate. */
    @Override
    public boolean isThrottle() {
        return status == 429 || status == 503;
    }

    @Override
    public Duration throttleRetryAfter() {
        return retryAfter;
    }

    /** Whether a retry of the same call may succeed without changing the request. */
    public boolean isRetryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE || kind == Kind.SERVER_ERROR
            || kind == Kind.UNEXPECTED;
    }

    public static boolean isKind(Throwable t, Kind kind) {
        return t instanceof LiteLLMException e && e.kind == kind;
    }

    public static boolean isNotFound(Throwable t) {
        return isKind(t, Kind.NOT_FOUND);
    }
}
