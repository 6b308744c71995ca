package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The public probes (reference §4): liveliness/liveness and readiness; mounted before auth and fault injection. */
final class HealthRoutes {
    private static final DateTimeFormatter PY_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final FakeLiteLLMOptions options;
    private final Clock clock;

    HealthRoutes(FakeLiteLLMOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/health/liveliness").handler(this::alive);
        router.get("/health/liveness").handler(this::alive);
        router.get("/health/readiness").handler(this::readiness);
    }

    private void alive(RoutingContext ctx) {
        ProxyErrors.json(ctx, 200, "I'm alive!");
    }

    private void readiness(RoutingContext ctx) {
        if (options.dbConnected() && options.dbDown()) {
            ProxyErrors.rawDetail(ctx, 503, "Service Unhealthy (" + ProxyErrors.DB_UNREACHABLE + ")");
            return;
        }
        JsonObject body = new JsonObject()
            .put("status", options.dbConnected() ? "connected" : "healthy")
            .put("db", options.dbConnected() ? "connected" : "Not connected")
            .put("cache", null)
            .put("litellm_version", options.litellmVersion())
            .put("success_callbacks", new JsonArray())
            .put("use_aiohttp_transport", true);
        if (options.dbConnected()) {
            body.put("last_updated", PY_ISO.format(LocalDateTime.now(clock)));
        }
        ProxyErrors.json(ctx, 200, body);
    }
}
