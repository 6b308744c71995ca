package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The three error envelopes of the LiteLLM proxy (reference §1.2): ProxyException with a string {@code code},
 * raw FastAPI {@code {"detail": ...}}, and the pydantic 422 list.
 */
final class ProxyErrors {
    static final String NO_DB = "No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys";
    static final String SET_STORE_MODEL_IN_DB = "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.";
    static final String FAILED_TO_ADD = "Failed to add model to db. Check your server logs for more details.";
    static final String DB_NOT_CONNECTED = "DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys";
    static final String DB_UNREACHABLE = "Can't reach database server at `postgres:5432`";

    private ProxyErrors() {
    }

    /** ProxyException: {"error":{"message","type","param","code":"<status>"}}; param null when {@code param} is null. */
    static void proxy(RoutingContext ctx, int status, String message, String type, String param) {
        JsonObject error = new JsonObject()
            .put("message", message)
            .put("type", type)
            .put("param", param)
            .put("code", Integer.toString(status));
        json(ctx, status, new JsonObject().put("error", error));
    }

    /** An HTTPException(detail={'error': msg}) re-raised by a model endpoint: auth_error, param "None", repr message. */
    static void wrappedHttpException(RoutingContext ctx, int status, String errorText) {
        proxy(ctx, status, PythonRepr.errorDict(errorText), "auth_error", "None");
    }

    /** A generic exception caught by a model endpoint: 400 "Authentication Error, <str(e)>". */
    static void genericException(RoutingContext ctx, String text) {
        proxy(ctx, 400, "Authentication Error, " + text, "auth_error", "None");
    }

    /**
     * {@code str(e)} of an exception whose text embeds the deployment, e.g. one raised with an f-string of the request
     * dict. LiteLLM puts it into the message as it is: the handler neither truncates nor filters {@code str(e)}.
     */
    static String echoingException(JsonObject deployment) {
        return "Unable to add deployment=" + PythonRepr.value(deployment);
    }

    /** Raw FastAPI HTTPException with {"detail": {"error": text}}. */
    static void rawDetailError(RoutingContext ctx, int status, String text) {
        json(ctx, status, new JsonObject().put("detail", new JsonObject().put("error", text)));
    }

    /** Raw FastAPI HTTPException with a string detail. */
    static void rawDetail(RoutingContext ctx, int status, String text) {
        json(ctx, status, new JsonObject().put("detail", text));
    }

    /** Pydantic body validation failure: 422 {"detail":[{"type":"missing","loc":[...],"msg":"Field required","input":...}]}. */
    static void missingField(RoutingContext ctx, Object input, String... loc) {
        JsonObject item = new JsonObject()
            .put("type", "missing")
            .put("loc", new JsonArray(java.util.Arrays.asList((Object[]) loc)))
            .put("msg", "Field required")
            .put("input", input);
        json(ctx, 422, new JsonObject().put("detail", new JsonArray().add(item)));
    }

    /** Pydantic answer for a body that is not a JSON object. */
    static void invalidJson(RoutingContext ctx) {
        JsonObject item = new JsonObject()
            .put("type", "json_invalid")
            .put("loc", new JsonArray().add("body").add(0))
            .put("msg", "JSON decode error")
            .put("input", new JsonObject())
            .put("ctx", new JsonObject().put("error", "Expecting value"));
        json(ctx, 422, new JsonObject().put("detail", new JsonArray().add(item)));
    }

    /**
     * An exception a handler <em>returned</em> instead of raising ({@code return handle_exception_on_proxy(e)}, as the
     * credential endpoints' PATCH and DELETE do): FastAPI serialises the ProxyException's attributes as the body of
     * an HTTP 200. The caller must read {@code code} to learn that it failed.
     */
    static void returnedException(RoutingContext ctx, int code, String message) {
        json(ctx, 200, new JsonObject()
            .put("message", message)
            .put("type", "internal_server_error")
            .put("param", "None")
            .put("openai_code", code)
            .put("code", Integer.toString(code))
            .put("headers", new JsonObject())
            .put("provider_specific_fields", null));
    }

    /** A raised {@code handle_exception_on_proxy(e)}: ProxyException, type internal_server_error, param "None". */
    static void raisedException(RoutingContext ctx, int code, String message) {
        proxy(ctx, code, message, "internal_server_error", "None");
    }

    /** A pydantic model_validator that raised ValueError: 422 with the body echoed as {@code input}. */
    static void valueError(RoutingContext ctx, Object input, String text) {
        JsonObject item = new JsonObject()
            .put("type", "value_error")
            .put("loc", new JsonArray().add("body"))
            .put("msg", "Value error, " + text)
            .put("input", input)
            .put("ctx", new JsonObject().put("error", new JsonObject()));
        json(ctx, 422, new JsonObject().put("detail", new JsonArray().add(item)));
    }

    static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", "application/json");
        response.end(body == null ? "null" : io.vertx.core.json.Json.encode(body));
    }
}
