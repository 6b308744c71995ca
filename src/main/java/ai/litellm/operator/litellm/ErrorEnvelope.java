package ai.litellm.operator.litellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a LiteLLM error body says, read from its envelopes (reference §1.2): ProxyException
 * {@code {"error":{"message","type","param","code":"<status>"}}} (litellm/proxy/_types.py: {@code message} is
 * {@code str(message)}, so a dict detail arrives as its Python repr; {@code code} is {@code str(code)}), or the same
 * fields flat at the top when a handler returned it instead of raising it ({@code {"success": false, "message"}} is
 * read alike); raw FastAPI {@code {"detail": str | {"error": …}}}; and the pydantic 422 list, read as "loc: msg"
 * (never its {@code input}, which is the request). Nothing here is safe to show yet: {@link SecretScrubber} does that.
 *
 * @param type ProxyException's {@code type}, or null
 * @param code ProxyException's {@code code}, or null
 * @param text the human part; "" when there is none
 */
record ErrorEnvelope(String type, String code, String text) {
    /** Larger error bodies are not parsed on the event loop; LiteLLM's own are a few hundred bytes. */
    static final int MAX_BODY = 256 * 1024;

    static ErrorEnvelope parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return new ErrorEnvelope(null, null, "");
        }
        if (body.length() > MAX_BODY) {
            return new ErrorEnvelope(null, null, "response body of " + body.length() + " bytes not quoted");
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            return new ErrorEnvelope(null, null, "non-JSON response body");
        }
        if (!(json instanceof JsonObject obj)) {
            return new ErrorEnvelope(null, null, json instanceof String s ? s : "");
        }
        if (obj.getValue("error") instanceof JsonObject error) {
            Object code = error.getValue("code");
            return new ErrorEnvelope(stringOrNull(error.getValue("type")), code == null ? null : String.valueOf(code),
                text(error.getValue("message")));
        }
        if (!obj.containsKey("error") && !obj.containsKey("detail") && obj.containsKey("message")) {
            // A returned ProxyException, or {"success": false, "message": …}
            Object code = obj.getValue("code");
            return new ErrorEnvelope(stringOrNull(obj.getValue("type")), code == null ? null : String.valueOf(code),
                text(obj.getValue("message")));
        }
        Object detail = obj.getValue("detail");
        if (detail instanceof JsonObject d) {
            return new ErrorEnvelope(null, null, text(d.getValue("error")));
        }
        if (detail instanceof JsonArray items) {
            return new ErrorEnvelope(null, null, validationErrors(items));
        }
        return new ErrorEnvelope(null, null, text(detail != null ? detail : obj.getValue("error")));
    }

    /**
     * A ProxyException a handler returned instead of raising: FastAPI serialises its attributes as the body itself,
     * {@code {"message","type","param","code"}}, with no {@code error} wrapper (the credential endpoints' PATCH and
     * DELETE do this, with HTTP 200).
     */
    static boolean isFlatProxyException(JsonObject obj) {
        return obj.containsKey("message") && obj.containsKey("code") && !obj.containsKey("error")
            && !obj.containsKey("detail");
    }

    private static String validationErrors(JsonArray items) {
        StringBuilder out = new StringBuilder();
        for (Object item : items) {
            if (item instanceof JsonObject i) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                JsonArray loc = i.getValue("loc") instanceof JsonArray l ? l : new JsonArray();
                out.append(String.join(".", loc.stream().map(String::valueOf).toList()))
                    .append(": ").append(text(i.getValue("msg")));
            }
        }
        return out.toString();
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof String s ? s : Json.encode(v);
    }

    private static String stringOrNull(Object v) {
        return v instanceof String s ? s : null;
    }
}
