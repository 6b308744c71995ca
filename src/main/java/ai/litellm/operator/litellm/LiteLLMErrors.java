package ai.litellm.operator.litellm;

import ai.litellm.operator.eventlog.ratelimit.RetryAfter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps LiteLLM answers and transport failures to {@link LiteLLMException} by what LiteLLM means, following the
 * contract's error table (reference §1.2, §2.2–§2.6). Status codes decide, except where the contract signals a meaning
 * only in the body: "not found" on delete and on get-by-id, "Failed to add model to db" on create, and which 400s
 * refuse the request. A 400 is LiteLLM's answer to <em>any</em> exception a model endpoint did not expect
 * ("Authentication Error, &lt;str(e)&gt;": a DB timeout as much as a bug), so a 400 is a refusal ({@code BAD_REQUEST},
 * no retry helps) only when its text is one of the refusals the contract lists; any other 400 is
 * {@code UNEXPECTED} (a retry may pass). Those stable fragments are the only message text relied on. The credential
 * endpoints add the unique-constraint text of a duplicate create, Prisma's "Record to delete does not exist" of a
 * delete, and errors answered with HTTP 200 ({@link #fromSuccessBody}).
 */
final class LiteLLMErrors {
    /** Characters of LiteLLM's text kept in a message (after scrubbing). */
    private static final int MAX_TEXT = 300;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.\\-]{1,48}");
    private static final Pattern CODE = Pattern.compile("[0-9]{3}");
    static final String DUPLICATE_MARKER = "failed to add model to db";
    static final String NOT_FOUND_MARKER = "not found";
    /** /model/delete's 400 for an id that is not in the DB (§2.5); any other "not found" is not about the id. */
    static final String NOT_IN_DB_MARKER = "not found in db";
    /** /model/update's 400 for an id that is neither in the DB nor in the router (§2.3). */
    static final String MODEL_NOT_FOUND_MARKER = "model not found";
    /**
     * The 400s by which the contract refuses the request itself (§2.3, §2.4): a field it needs is missing, or the id
     * belongs to a config-file model, which the API can neither edit nor delete.
     */
    static final List<String> REFUSAL_MARKERS = List.of("not provided", "model in config", "config-based model",
        "credential values are required", "overlaps credential_values");
    /**
     * A credential create that hit {@code credential_name @unique}: nothing checks first, so Prisma's error arrives
     * as a 500 ("Unique constraint failed on the fields: (`credential_name`)"); "already exists" covers a proxy that
     * checks.
     */
    static final List<String> DUPLICATE_NAME_MARKERS = List.of("unique constraint", "already exists");
    /**
     * A credential delete of a name that is not there: Prisma's P2025 ("Record to delete does not exist."), returned
     * as HTTP 200 with code 500 by older handlers, or "Credential not found" from newer ones.
     */
    static final List<String> CREDENTIAL_GONE_MARKERS = List.of("record to delete does not exist",
        "credential not found");
    /** PATCH's 400 when the proxy runs without STORE_MODEL_IN_DB (§2.4): the proxy is set up wrong, not the request. */
    static final String NOT_DB_STORED_MARKER = "only supported for db-stored models";
    /**
     * A proxy without a model store (reference §2.2-2.5): "No DB Connected" (create, update, delete), "DB not
     * connected" (PATCH), "Set STORE_MODEL_IN_DB" (a database, but models from the API switched off).
     */
    static final List<String> NO_MODEL_STORE_MARKERS = List.of("no db connected", "db not connected",
        "store_model_in_db");

    private LiteLLMErrors() {
    }

    static LiteLLMException fromResponse(LiteLLMOperation op, int status, Buffer body, String retryAfterHeader,
                                         SecretScrubber scrubber, Clock clock) {
        return error(op, status, "HTTP " + status, ErrorEnvelope.parse(body), retryAfterHeader, scrubber, clock);
    }

    /**
     * The error a 2xx answer carries, or null when it is the success {@code op} expects
     * ({@link LiteLLMOperation.Success}). A returned ProxyException fails as its {@code code} says (its status is that
     * code: "Credential not found in DB." with code 404 is {@code NOT_FOUND}, status 404); one without a usable code
     * counts as a 500.
     */
    static LiteLLMException fromSuccessBody(LiteLLMOperation op, int status, Buffer body, SecretScrubber scrubber,
                                            Clock clock) {
        if (op.success() == LiteLLMOperation.Success.STATUS) {
            return null;
        }
        JsonObject obj = smallJsonObject(body);
        if (obj != null) {
            Object success = obj.getValue("success");
            if (Boolean.TRUE.equals(success)) {
                return null;
            }
            if (success != null || ErrorEnvelope.isFlatProxyException(obj)) {
                int code = returnedCode(obj.getValue("code"));
                return error(op, code, "HTTP " + status + " (an error answered as success)", ErrorEnvelope.parse(body),
                    null, scrubber, clock);
            }
        }
        if (op.success() == LiteLLMOperation.Success.STATUS_AND_SUCCESS_TRUE) {
            return malformed(op, status, "expected {\"success\": true}");
        }
        return null;
    }

    private static LiteLLMException error(LiteLLMOperation op, int status, String shownStatus, ErrorEnvelope envelope,
                                          String retryAfterHeader, SecretScrubber scrubber, Clock clock) {
        // Classify on LiteLLM's own words; only the scrubbed text is ever shown.
        LiteLLMException.Kind kind = classify(op, status, envelope.text().toLowerCase(Locale.ROOT));
        Duration retryAfter = kind == LiteLLMException.Kind.RATE_LIMITED
            ? RetryAfter.parse(retryAfterHeader, clock).orElse(null) : null;
        String text = scrubber.scrub(envelope.text(), MAX_TEXT);
        String message = "LiteLLM " + op.route() + " failed: " + shownStatus + " " + kind
            + labels(envelope, scrubber) + (text.isEmpty() ? "" : ": " + text);
        return new LiteLLMException(kind, status, retryAfter, message, null);
    }

    /** The body as a JSON object when it is one and small enough to parse on the event loop; null otherwise. */
    private static JsonObject smallJsonObject(Buffer body) {
        if (body == null || body.length() == 0 || body.length() > ErrorEnvelope.MAX_BODY) {
            return null;
        }
        try {
            return Json.decodeValue(body) instanceof JsonObject obj ? obj : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    /** ProxyException's {@code code} ({@code str(status)}) as an error status; 500 when it names none. */
    private static int returnedCode(Object code) {
        String s = code == null ? "" : String.valueOf(code);
        if (CODE.matcher(s).matches()) {
            int status = Integer.parseInt(s);
            if (status >= 400 && status < 600) {
                return status;
            }
        }
        return 500;
    }

    /** " (type, code N)" from a ProxyException, each part only when it is a plain label free of secrets. */
    private static String labels(ErrorEnvelope envelope, SecretScrubber scrubber) {
        List<String> parts = new ArrayList<>();
        String type = envelope.type();
        if (type != null && LABEL.matcher(type).matches() && scrubber.scrub(type, MAX_TEXT).equals(type)) {
            parts.add(type);
        }
        if (envelope.code() != null && CODE.matcher(envelope.code()).matches()) {
            parts.add("code " + envelope.code());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    static LiteLLMException.Kind classify(LiteLLMOperation op, int status, String lowerText) {
        if (status == 401 || status == 403) {
            return LiteLLMException.Kind.UNAUTHORIZED;
        }
        if ((status == 404 || status == 405) && op == LiteLLMOperation.UPDATE_PARAMS) {
            // Its "not found" is a 400 (§2.3): a 404 here means the route itself is not served. Not NOT_FOUND, which
            // would make the caller create a model that exists.
            return LiteLLMException.Kind.BAD_REQUEST;
        }
        if (status == 404) {
            return LiteLLMException.Kind.NOT_FOUND;
        }
        if (status == 429) {
            return LiteLLMException.Kind.RATE_LIMITED;
        }
        if (status == 408 || status == 502 || status == 503 || status == 504) {
            return LiteLLMException.Kind.UNAVAILABLE;
        }
        if (NO_MODEL_STORE_MARKERS.stream().anyMatch(lowerText::contains) || lowerText.contains(NOT_DB_STORED_MARKER)) {
            return LiteLLMException.Kind.NO_MODEL_STORE;
        }
        if (status == 500 && op == LiteLLMOperation.CREATE && lowerText.contains(DUPLICATE_MARKER)) {
            return LiteLLMException.Kind.DUPLICATE_ID;
        }
        if (status == 500 && op == LiteLLMOperation.CREDENTIAL_CREATE
            && DUPLICATE_NAME_MARKERS.stream().anyMatch(lowerText::contains)) {
            return LiteLLMException.Kind.DUPLICATE_ID;
        }
        if (op == LiteLLMOperation.CREDENTIAL_DELETE
            && CREDENTIAL_GONE_MARKERS.stream().anyMatch(lowerText::contains)) {
            return LiteLLMException.Kind.NOT_FOUND;
        }
        if (status == 400) {
            return classify400(op, lowerText);
        }
        if (status > 400 && status < 500) {
            return LiteLLMException.Kind.BAD_REQUEST;
        }
        return LiteLLMException.Kind.SERVER_ERROR;
    }

    private static LiteLLMException.Kind classify400(LiteLLMOperation op, String lowerText) {
        if ((op == LiteLLMOperation.DELETE && lowerText.contains(NOT_IN_DB_MARKER))
            || (op == LiteLLMOperation.GET && lowerText.contains(NOT_FOUND_MARKER))
            || (op == LiteLLMOperation.UPDATE_PARAMS && lowerText.contains(MODEL_NOT_FOUND_MARKER))) {
            return LiteLLMException.Kind.NOT_FOUND;
        }
        if (REFUSAL_MARKERS.stream().anyMatch(lowerText::contains)) {
            return LiteLLMException.Kind.BAD_REQUEST;
        }
        return LiteLLMException.Kind.UNEXPECTED;
    }

    /** No response arrived (refused, reset, timeout): the call may or may not have taken effect. */
    static LiteLLMException transport(LiteLLMOperation op, Throwable cause, SecretScrubber scrubber) {
        String detail = cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + scrubber.scrub(cause.getMessage(), MAX_TEXT));
        return new LiteLLMException(LiteLLMException.Kind.UNAVAILABLE, 0, null,
            "LiteLLM " + op.route() + " failed: no response (" + detail + ")", cause);
    }

    /** A 2xx whose body is not what the contract promises, e.g. {@code null} or HTML from a proxy in between. */
    static LiteLLMException malformed(LiteLLMOperation op, int status, String why) {
        return new LiteLLMException(LiteLLMException.Kind.SERVER_ERROR, status, null,
            "LiteLLM " + op.route() + " returned an unexpected body: " + why, null);
    }

    /** POST /model/update answers 200 {@code null} when STORE_MODEL_IN_DB is off: it has no else-branch (§2.3). */
    static LiteLLMException notStoredAsNull(int status) {
        return new LiteLLMException(LiteLLMException.Kind.NO_MODEL_STORE, status, null,
            "LiteLLM " + LiteLLMOperation.UPDATE_PARAMS.route()
                + " returned null: the proxy does not store models added through its API (STORE_MODEL_IN_DB is off)",
            null);
    }

    /** Older builds answer a duplicate create with 200 {@code null} instead of the 500. */
    static LiteLLMException duplicateAsNull(int status) {
        return new LiteLLMException(LiteLLMException.Kind.DUPLICATE_ID, status, null,
            "LiteLLM " + LiteLLMOperation.CREATE.route() + " returned null (an existing id on older proxies)", null);
    }
}
