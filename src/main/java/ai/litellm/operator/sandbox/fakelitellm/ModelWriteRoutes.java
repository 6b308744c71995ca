package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.Optional;

/**
 * POST /model/new, POST /model/update, PATCH /model/{id}/update, POST /model/delete, with the checks in the order
 * the proxy runs them (reference §2.2–§2.5). Each request is served by one simulated replica, whose router view is
 * the only one a write refreshes.
 */
final class ModelWriteRoutes {
    static final String NO_PERMISSION =
        "User does not have permission to make this model call. Your role=" + FakeAuth.INTERNAL_USER
            + ". Only proxy admins can make model calls.";
    static final String TEAM_NEEDS_LICENSE =
        "Team models are an Enterprise feature. Contact sales to get a license.";
    static final String CONFIG_MODEL_UPDATE =
        "Can't edit model. Model in config. Store model in db via `/model/new`. to edit.";

    private final FakeLiteLLMOptions options;
    private final FakeModelStore store;
    private final Clock clock;
    private final LostAnswers lostAnswers;

    ModelWriteRoutes(FakeLiteLLMOptions options, FakeModelStore store, Clock clock, LostAnswers lostAnswers) {
        this.options = options;
        this.store = store;
        this.clock = clock;
        this.lostAnswers = lostAnswers;
    }

    void mount(Router router) {
        router.post("/model/new").handler(this::create);
        router.post("/model/update").handler(this::update);
        router.patch("/model/:model_id/update").handler(this::patch);
        router.post("/model/delete").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (!(body.getValue("model_name") instanceof String)) {
            ProxyErrors.missingField(ctx, body, "body", "model_name");
            return;
        }
        if (!(body.getValue("litellm_params") instanceof JsonObject params)) {
            ProxyErrors.missingField(ctx, body, "body", "litellm_params");
            return;
        }
        if (!(params.getValue("model") instanceof String)) {
            ProxyErrors.missingField(ctx, params, "body", "litellm_params", "model");
            return;
        }
        if (!options.dbConnected()) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.NO_DB);
            return;
        }
        if (!FakeAuth.isAdmin(ctx)) {
            ProxyErrors.wrappedHttpException(ctx, 403, NO_PERMISSION);
            return;
        }
        JsonObject info = body.getJsonObject("model_info", new JsonObject());
        if (info.getValue("team_id") != null) {
            ProxyErrors.wrappedHttpException(ctx, 403, TEAM_NEEDS_LICENSE);
            return;
        }
        if (options.createErrorsEchoRequest()) {
            ProxyErrors.genericException(ctx, ProxyErrors.echoingException(body));
            return;
        }
        if (!options.storeModelInDb()) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.SET_STORE_MODEL_IN_DB);
            return;
        }
        // A DB outage and a duplicate id both raise inside _add_model_to_db, are swallowed, and end as this 500.
        DbRow row = RowFactory.fromDeployment(body, store.cipher(), clock.instant());
        if (options.dbDown() || !store.insert(row)) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.FAILED_TO_ADD);
            return;
        }
        store.syncReplica(store.nextReplica());
        lostAnswers.answer(ctx, true, row.toJson());
    }

    private void update(RoutingContext ctx) {
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (!options.dbConnected()) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.NO_DB);
            return;
        }
        if (!FakeAuth.isAdmin(ctx)) {
            ProxyErrors.wrappedHttpException(ctx, 403, NO_PERMISSION);
            return;
        }
        JsonObject info = body.getJsonObject("model_info");
        if (info == null) {
            ProxyErrors.genericException(ctx, "model_info not provided");
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.genericException(ctx, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        String id = RowFactory.idOf(info); // the uuid gotcha: no id means a random one, hence "model not found"
        int replica = store.nextReplica();
        Optional<DbRow> row = store.row(id);
        if (row.isEmpty()) {
            if (inRouter(replica, id)) {
                ProxyErrors.wrappedHttpException(ctx, 400, CONFIG_MODEL_UPDATE);
            } else {
                ProxyErrors.genericException(ctx, "model not found");
            }
            return;
        }
        JsonObject patch = body.getJsonObject("litellm_params");
        if (patch == null) {
            ProxyErrors.genericException(ctx, "litellm_params not provided");
            return;
        }
        if (!options.storeModelInDb()) {
            ProxyErrors.json(ctx, 200, null);
            return;
        }
        // Only litellm_params are written, as an overlay; no router refresh until the next poll.
        JsonObject result = store.mutate(row.get(), r -> {
            overlayEncrypted(r.litellmParams, patch);
            r.touch(clock.instant());
            return r.toJson();
        });
        lostAnswers.answer(ctx, false, result);
    }

    private void patch(RoutingContext ctx) {
        String id = ctx.pathParam("model_id");
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (!options.dbConnected()) {
            ProxyErrors.rawDetailError(ctx, 500, ProxyErrors.DB_NOT_CONNECTED);
            return;
        }
        if (!FakeAuth.isAdmin(ctx)) {
            ProxyErrors.wrappedHttpException(ctx, 403, NO_PERMISSION);
            return;
        }
        if (!options.storeModelInDb()) {
            ProxyErrors.proxy(ctx, 400, "Model updates only supported for DB-stored models", "validation_error", null);
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.proxy(ctx, 500, "Error updating model: " + ProxyErrors.DB_UNREACHABLE, "internal_server_error", null);
            return;
        }
        int replica = store.nextReplica();
        Optional<DbRow> row = store.row(id);
        if (row.isEmpty()) {
            if (inRouter(replica, id)) {
                ProxyErrors.proxy(ctx, 400, "Cannot edit config-based model. Store model in DB via /model/new first.",
                    "validation_error", null);
            } else {
                ProxyErrors.proxy(ctx, 404, "Model " + id + " not found on proxy.", "not_found_error", null);
            }
            return;
        }
        JsonObject result = store.mutate(row.get(), r -> {
            Object name = body.getValue("model_name");
            if (name instanceof String s && !s.isEmpty()) {
                r.modelName = s;
            }
            JsonObject params = body.getJsonObject("litellm_params");
            if (params != null) {
                overlayEncrypted(r.litellmParams, params);
            }
            JsonObject info = body.getJsonObject("model_info");
            if (info != null) {
                // ModelInfo.__init__ fills a random id when the patch carries none; it lands in the stored JSON.
                JsonObject withId = info.copy();
                withId.put("id", RowFactory.idOf(info));
                r.modelInfo.mergeIn(RowFactory.withoutNulls(withId));
            }
            r.touch(clock.instant());
            return r.toJson();
        });
        store.reloadReplica(replica);
        lostAnswers.answer(ctx, false, result);
    }

    private void delete(RoutingContext ctx) {
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (body.getValue("id") == null) {
            ProxyErrors.missingField(ctx, body, "body", "id");
            return;
        }
        String id = body.getValue("id").toString();
        if (!options.dbConnected()) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.NO_DB);
            return;
        }
        if (!FakeAuth.isAdmin(ctx)) {
            ProxyErrors.wrappedHttpException(ctx, 403, NO_PERMISSION);
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.genericException(ctx, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        if (store.row(id).isEmpty()) {
            ProxyErrors.wrappedHttpException(ctx, 400, "Model with id=" + id + " not found in db");
            return;
        }
        if (!options.storeModelInDb()) {
            ProxyErrors.wrappedHttpException(ctx, 500, ProxyErrors.SET_STORE_MODEL_IN_DB);
            return;
        }
        store.deleteRow(id);
        store.removeFromReplica(store.nextReplica(), id);
        lostAnswers.answer(ctx, false, new JsonObject().put("message", "Model: " + id + " deleted successfully"));
    }

    private boolean inRouter(int replica, String id) {
        return store.routerEntry(replica, id).isPresent();
    }

    /** Non-null values replace stored keys (strings encrypted); null or absent keeps the stored value. */
    private void overlayEncrypted(JsonObject stored, JsonObject patch) {
        patch.forEach(e -> {
            if (e.getValue() != null) {
                stored.put(e.getKey(), e.getValue() instanceof String s ? store.cipher().encrypt(s) : e.getValue());
            }
        });
    }
}
