package ai.litellm.operator.litellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Maps LiteLLM answers and transport failures to {@link LiteLLMException}. Status codes decide, except for the two
 * cases the contract only signals in a 400/500 body (reference §2.2, §2.5, §2.6): "not found" on delete and on
 * get-by-id, and "Failed to add model to db" on create. Those stable fragments are the only message text relied on.
 */
final class LiteLLMErrors {
    private static final int MAX_TEXT = 300;
    static final String DUPLICATE_MARKER = "failed to add model to db";
    static final String NOT_FOUND_MARKER = "not found";

    private LiteLLMErrors() {
    }

    static LiteLLMException fromResponse(LiteLLMOperation op, int status, Buffer body, String retryAfterHeader,
                                         SecretScrubber scrubber, Clock clock) {
        String text = scrubber.scrub(serverText(body));
        String lower = text.toLowerCase(Locale.ROOT);
        LiteLLMException.Kind kind = classify(op, status, lower);
        Duration retryAfter = kind == LiteLLMException.Kind.RATE_LIMITED
            ? RetryAfter.parse(retryAfterHeader, clock).orElse(null) : null;
        String message = "LiteLLM " + op.route() + " failed: HTTP " + status + " " + kind
            + (text.isEmpty() ? "" : ": " + truncate(text));
        return new LiteLLMException(kind, status, retryAfter, message, null);
    }

    static LiteLLMException.Kind classify(LiteLLMOperation op, int status, String lowerText) {
        if (status == 401 || status == 403) {
            return LiteLLMException.Kind.UNAUTHORIZED;
        }
        if (status == 404) {
            return LiteLLMException.Kind.NOT_FOUND;
        }
        if (status == 429) {
            return LiteLLMException.Kind.RATE_LIMITED;
        }
        if (status == 502 || status == 503 || status == 504) {
            return LiteLLMException.Kind.UNAVAILABLE;
        }
        if (status == 400 && (op == LiteLLMOperation.DELETE || op == LiteLLMOperation.GET)
            && lowerText.contains(NOT_FOUND_MARKER)) {
            return LiteLLMException.Kind.NOT_FOUND;
        }
        if (status == 500 && op == LiteLLMOperation.CREATE && lowerText.contains(DUPLICATE_MARKER)) {
            return LiteLLMException.Kind.DUPLICATE_ID;
        }
        if (status >= 400 && status < 500) {
            return LiteLLMException.Kind.BAD_REQUEST;
        }
        return LiteLLMException.Kind.SERVER_ERROR;
    }

    /** No response arrived (refused, reset, timeout): the call may or may not have taken effect. */
    static LiteLLMException transport(LiteLLMOperation op, Throwable cause, SecretScrubber scrubber) {
        String detail = cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + truncate(scrubber.scrub(cause.getMessage())));
        return new LiteLLMException(LiteLLMException.Kind.UNAVAILABLE, 0, null,
            "LiteLLM " + op.route() + " failed: no response (" + detail + ")", cause);
    }

    /** A 2xx whose body is not what the contract promises, e.g. {@code null} or HTML from a proxy in between. */
    static LiteLLMException malformed(LiteLLMOperation op, int status, String why) {
        return new LiteLLMException(LiteLLMException.Kind.SERVER_ERROR, status, null,
            "LiteLLM " + op.route() + " returned an unexpected body: " + why, null);
    }

    /** Older builds answer a duplicate create with 200 {@code null} instead of the 500. */
    static LiteLLMException duplicateAsNull(int status) {
        return new LiteLLMException(LiteLLMException.Kind.DUPLICATE_ID, status, null,
            "LiteLLM " + LiteLLMOperation.CREATE.route() + " returned null (an existing id on older proxies)", null);
    }

    /**
     * The human part of the three error envelopes: ProxyException {@code error.message}, raw {@code detail}
     * (string or {@code {"error":…}}), or the pydantic list as "loc: msg" (never its {@code input}, which echoes
     * the request). Non-JSON bodies (an ingress' HTML page) are not quoted.
     */
    static String serverText(Buffer body) {
        if (body == null || body.length() == 0) {
            return "";
        }
        Object json;
        try {
            json = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            return "non-JSON response body";
        }
        if (!(json instanceof JsonObject obj)) {
            return json instanceof String s ? s : "";
        }
        if (obj.getValue("error") instanceof JsonObject error) {
            return String.valueOf(error.getValue("message", ""));
        }
        Object detail = obj.getValue("detail");
        if (detail instanceof String s) {
            return s;
        }
        if (detail instanceof JsonObject d) {
            return d.getValue("error") != null ? String.valueOf(d.getValue("error")) : "";
        }
        if (detail instanceof JsonArray items) {
            StringBuilder out = new StringBuilder();
            for (Object item : items) {
                if (item instanceof JsonObject i) {
                    if (out.length() > 0) {
                        out.append("; ");
                    }
                    JsonArray loc = i.getJsonArray("loc", new JsonArray());
                    out.append(String.join(".", loc.stream().map(String::valueOf).toList()))
                        .append(": ").append(i.getValue("msg", ""));
                }
            }
            return out.toString();
        }
        return "";
    }

    private static String truncate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
