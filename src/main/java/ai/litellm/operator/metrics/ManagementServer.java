package ai.litellm.operator.metrics;

import ai.litellm.operator.kube.BlockingBridge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The management HTTP server on its own port: /metrics (Prometheus text), /healthz (the process and its event loop
 * answer) and /readyz (informers synced and ownership known; the body says which check is failing). A scrape walks
 * every meter, so it runs on the bridge's control lane, off the event loop and never queued behind reconciles.
 */
public final class ManagementServer {
  private final Vertx vertx;
  private final BlockingBridge bridge;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Map<String, Boolean>> readinessChecks;
  private HttpServer server;

  public ManagementServer(Vertx vertx, BlockingBridge bridge, PrometheusMeterRegistry registry,
      Supplier<Map<String, Boolean>> readinessChecks) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.registry = registry;
    this.readinessChecks = readinessChecks;
  }

  public Future<Integer> start(String host, int port) {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(ctx -> bridge.callControl(registry::scrape)
        .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
        .onFailure(ctx::fail));
    router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
    router.get("/readyz").handler(ctx -> {
      Map<String, Boolean> checks = readinessChecks.get();
      boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
      JsonObject body = new JsonObject();
      checks.forEach(body::put);
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(body.put("ready", ready).encode());
    });
    return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
      server = s;
      return s.actualPort();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
