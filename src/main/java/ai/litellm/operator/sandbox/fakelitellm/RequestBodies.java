package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** Reads a request body as a JSON object the way FastAPI does: anything else is a 422. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** Empty when the body is missing or not a JSON object; the 422 has then already been sent. */
    static Optional<JsonObject> jsonObjectOr422(RoutingContext ctx) {
        Optional<JsonObject> body = tryJsonObject(ctx);
        if (body.isEmpty()) {
            ProxyErrors.invalidJson(ctx);
        }
        return body;
    }

    static Optional<JsonObject> tryJsonObject(RoutingContext ctx) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return Optional.empty();
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(buffer);
            return parsed instanceof JsonObject obj ? Optional.of(obj) : Optional.empty();
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }
}
