package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read endpoints (reference §2.6–§2.9, §4 {@code /health}). All of them read the router view of the replica that
 * serves the request, never the DB directly, so they show the same eventual consistency as the real proxy.
 */
final class ModelReadRoutes {
    /** OpenAI list entries carry this constant {@code created}. */
    static final long MODELS_CREATED = 1677610602L;

    private final FakeLiteLLMOptions options;
    private final FakeModelStore store;

    ModelReadRoutes(FakeLiteLLMOptions options, FakeModelStore store) {
        this.options = options;
        this.store = store;
    }

    void mount(Router router) {
        router.get("/model/info").handler(this::modelInfo);
        router.get("/v1/model/info").handler(this::modelInfo);
        router.get("/v2/model/info").handler(this::modelInfoV2);
        router.get("/model_group/info").handler(this::modelGroupInfo);
        router.get("/models").handler(this::models);
        router.get("/v1/models").handler(this::models);
        router.get("/health").handler(this::health);
    }

    private void modelInfo(RoutingContext ctx) {
        int replica = store.nextReplica();
        String id = ctx.request().getParam("litellm_model_id");
        JsonArray data = new JsonArray();
        if (id == null) {
            store.routerView(replica).forEach(d -> data.add(forRead(d)));
        } else {
            Optional<JsonObject> one = store.routerEntry(replica, id);
            if (one.isEmpty()) {
                ProxyErrors.rawDetailError(ctx, 400, "Model id = " + id + " not found on litellm proxy");
                return;
            }
            data.add(forRead(one.get()));
        }
        ProxyErrors.json(ctx, 200, new JsonObject().put("data", data));
    }

    private void modelInfoV2(RoutingContext ctx) {
        if (!options.dbConnected()) {
            ProxyErrors.rawDetailError(ctx, 500, ProxyErrors.DB_NOT_CONNECTED);
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.rawDetailError(ctx, 500, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        String model = ctx.request().getParam("model");
        JsonArray data = new JsonArray();
        for (JsonObject d : store.routerView(store.nextReplica())) {
            if (model == null || model.equals(d.getString("model_name"))) {
                data.add(forRead(d));
            }
        }
        ProxyErrors.json(ctx, 200, new JsonObject().put("data", data));
    }

    private void modelGroupInfo(RoutingContext ctx) {
        String wanted = ctx.request().getParam("model_group");
        Map<String, JsonObject> groups = new LinkedHashMap<>();
        for (JsonObject d : store.routerView(store.nextReplica())) {
            String name = d.getString("model_name");
            if (wanted != null && !wanted.equals(name)) {
                continue;
            }
            JsonObject params = d.getJsonObject("litellm_params");
            JsonObject group = groups.computeIfAbsent(name, n -> newGroup(n, d));
            String provider = provider(params);
            if (!group.getJsonArray("providers").contains(provider)) {
                group.getJsonArray("providers").add(provider);
            }
            addLimit(group, "tpm", params.getValue("tpm"));
            addLimit(group, "rpm", params.getValue("rpm"));
        }
        ProxyErrors.json(ctx, 200, new JsonObject().put("data", new JsonArray(List.copyOf(groups.values()))));
    }

    private static JsonObject newGroup(String name, JsonObject d) {
        return new JsonObject()
            .put("model_group", name)
            .put("providers", new JsonArray())
            .put("max_input_tokens", null)
            .put("max_output_tokens", null)
            .put("input_cost_per_token", null)
            .put("output_cost_per_token", null)
            .put("mode", d.getJsonObject("model_info").getValue("mode"))
            .put("tpm", null)
            .put("rpm", null)
            .put("supports_parallel_function_calling", false)
            .put("supports_vision", false)
            .put("supports_function_calling", false)
            .put("supported_openai_params", new JsonArray())
            .put("is_public_model_group", false);
    }

    private static void addLimit(JsonObject group, String key, Object value) {
        if (value instanceof Number n) {
            Object current = group.getValue(key);
            group.put(key, (current instanceof Number c ? c.longValue() : 0L) + n.longValue());
        }
    }

    private void models(RoutingContext ctx) {
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        for (JsonObject d : store.routerView(store.nextReplica())) {
            byName.computeIfAbsent(d.getString("model_name"), n -> new JsonObject()
                .put("id", n).put("object", "model").put("created", MODELS_CREATED).put("owned_by", "openai"));
        }
        ProxyErrors.json(ctx, 200,
            new JsonObject().put("data", new JsonArray(List.copyOf(byName.values()))).put("object", "list"));
    }

    /** {@code /health} would call every deployment; the fake has no LLMs, so every deployment is healthy. */
    private void health(RoutingContext ctx) {
        JsonArray healthy = new JsonArray();
        for (JsonObject d : store.routerView(store.nextReplica())) {
            JsonObject params = SensitiveParams.stripForRead(d.getJsonObject("litellm_params"));
            healthy.add(params);
        }
        ProxyErrors.json(ctx, 200, new JsonObject()
            .put("healthy_endpoints", healthy).put("unhealthy_endpoints", new JsonArray())
            .put("healthy_count", healthy.size()).put("unhealthy_count", 0));
    }

    /** Router deployment as read endpoints return it: secrets popped, model_info enriched with cost-map keys. */
    static JsonObject forRead(JsonObject deployment) {
        JsonObject params = deployment.getJsonObject("litellm_params");
        JsonObject info = deployment.getJsonObject("model_info").copy();
        if (!info.containsKey("litellm_provider")) {
            info.put("litellm_provider", provider(params));
        }
        if (!info.containsKey("key")) {
            info.put("key", params.getString("model"));
        }
        return new JsonObject()
            .put("model_name", deployment.getString("model_name"))
            .put("litellm_params", SensitiveParams.stripForRead(params))
            .put("model_info", info);
    }

    private static String provider(JsonObject params) {
        Object explicit = params.getValue("custom_llm_provider");
        if (explicit instanceof String s && !s.isEmpty()) {
            return s;
        }
        String model = params.getString("model", "");
        int slash = model.indexOf('/');
        return slash > 0 ? model.substring(0, slash) : "openai";
    }
}
