package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What a management call costs a real LiteLLM proxy, so that the fake is never more forgiving than the real one: each
 * of {@link FakeLiteLLMOptions#serviceWorkers()} workers serves one request at a time, in arrival order (requests are
 * spread round-robin), for a service time that grows with the models the proxy holds. Off while every cost is 0.
 *
 * <p>Where the costs come from (BerriAI/litellm, versions around 1.74–1.80):
 * <ul>
 *   <li><b>Create</b> ({@code model_management_endpoints.py: add_new_model}): {@code _add_model_to_db} encrypts each
 *       param and inserts one row, then {@code proxy_config.add_deployment} ({@code proxy_server.py:
 *       ProxyConfig.add_deployment}) reads <em>every</em> model row ({@code _get_models_from_db}: {@code
 *       litellm_proxymodeltable.find_many()}) and {@code _update_llm_router} runs {@code _delete_deployment} (all ids,
 *       plus the config file re-read) and {@code _add_deployment} (decrypt each row's params, {@code
 *       router.upsert_deployment} each), then re-reads the DB config: {@code base + perModel * N}.</li>
 *   <li><b>PATCH</b> ({@code patch_model}): one row update, then {@code clear_cache()}, which walks the router's model
 *       list and reloads all DB models the same way ({@code _add_deployment_locked}): {@code base + perModel * N}.</li>
 *   <li><b>Old update</b> ({@code update_model}, 1.74: no router refresh) and <b>delete</b> ({@code delete_model}: one
 *       row delete, {@code llm_router.delete_deployment}): {@code base}.</li>
 *   <li><b>Credentials</b> ({@code credential_endpoints/endpoints.py}): a write is one row and the serving worker's
 *       in-memory list: {@code base}; a read walks that list: {@code read}.</li>
 *   <li><b>Reads</b>: {@code /model/info?litellm_model_id=} looks one deployment up in the worker's router: {@code
 *       read}; a whole list ({@code /model/info}, {@code /v2/model/info}, which also re-reads the config) serialises
 *       every deployment: {@code read + listPerModel * N}.</li>
 *   <li><b>Contention</b>: a uvicorn worker is one asyncio event loop; the reload above is CPU-bound Python (decrypt,
 *       pydantic, router upsert) that holds it, and newer builds also serialise reloads on {@code
 *       MODEL_RECONCILE_LOCK}. So a worker serves one such request at a time and everything else on it, reads
 *       included, waits behind it: one FIFO server per worker. The database round trips are in {@code base}.</li>
 * </ul>
 * The options are read per request, so a test can change the proxy's capacity while it runs. The state change and the
 * answer happen at the end of the service time. Nothing is ever refused: an overloaded proxy just answers later, as a
 * real one does (its management routes have no rate limiter), until the caller's timeout.
 */
final class ServiceCost implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final FakeLiteLLMOptions options;
    private final IntSupplier modelCount;
    /** Per worker: when it is free again (nanoTime); guarded by this. */
    private long[] busyUntil = new long[0];
    private int nextWorker;

    ServiceCost(Vertx vertx, FakeLiteLLMOptions options, IntSupplier modelCount) {
        this.vertx = vertx;
        this.options = options;
        this.modelCount = modelCount;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long serviceNanos = serviceNanos(ctx);
        if (serviceNanos <= 0) {
            ctx.next();
            return;
        }
        long now = System.nanoTime();
        long done;
        synchronized (this) {
            int workers = Math.max(1, options.serviceWorkers());
            if (busyUntil.length != workers) {
                busyUntil = new long[workers];
                java.util.Arrays.fill(busyUntil, now);
                nextWorker = 0;
            }
            int w = nextWorker;
            nextWorker = (nextWorker + 1) % workers;
            long start = busyUntil[w] - now > 0 ? busyUntil[w] : now;
            done = start + serviceNanos;
            busyUntil[w] = done;
        }
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(done - now + 999_999));
        vertx.setTimer(delayMs, id -> ctx.next());
    }

    private long serviceNanos(RoutingContext ctx) {
        double ms = costMs(ctx.request().method(), ctx.request().path(), ctx.request().getParam("litellm_model_id"));
        return (long) (ms * 1_000_000);
    }

    /** The service time of one request in milliseconds, from the options and the models held now. */
    private double costMs(HttpMethod method, String path, String modelIdQuery) {
        double base = options.writeServiceMs();
        double perModel = options.writeServicePerModelMs();
        double read = options.readServiceMs();
        if (base <= 0 && perModel <= 0 && read <= 0 && options.listServicePerModelMs() <= 0) {
            return 0;
        }
        int n = modelCount.getAsInt();
        if (method == HttpMethod.POST && path.equals("/model/new")) {
            return base + perModel * n;
        }
        if (method == HttpMethod.PATCH && path.startsWith("/model/") && path.endsWith("/update")) {
            return base + perModel * n;
        }
        if (method == HttpMethod.POST && (path.equals("/model/update") || path.equals("/model/delete"))) {
            return base;
        }
        if (path.startsWith("/credentials")) {
            // One table row and the serving worker's in-memory list: no router reload (credential_endpoints).
            return method == HttpMethod.GET ? read : base;
        }
        boolean oneModel = modelIdQuery != null && !modelIdQuery.isEmpty();
        return oneModel ? read : read + options.listServicePerModelMs() * n;
    }
}
