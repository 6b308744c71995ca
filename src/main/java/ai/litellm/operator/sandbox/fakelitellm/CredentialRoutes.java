package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The credential endpoints of BerriAI/litellm {@code proxy/credential_endpoints/endpoints.py}, with their quirks:
 * POST {@code /credentials} and GET {@code /credentials/by_name/{name}} raise their errors (HTTP status = code), but
 * PATCH and DELETE {@code /credentials/{name}} <em>return</em> them ({@code return handle_exception_on_proxy(e)}), so
 * a failed update or delete answers HTTP 200 with the exception's fields and no {@code success}. Writes are proxy-admin
 * only (the newest rule; older builds let any key write). Reads come from the serving worker's list, values masked
 * ({@code _get_masked_values}: keys naming a key, secret, token, password or credentials show their first and last two
 * characters). Bodies are validated as the pydantic models do ({@code CreateCredentialItem}, {@code CredentialItem}).
 */
final class CredentialRoutes {
    static final String ADMIN_ONLY = "Only the proxy admin can manage logging credentials";
    static final String UNIQUE_VIOLATION = "Unique constraint failed on the fields: (`credential_name`)";
    static final String DELETE_MISSING = "An operation failed because it depends on one or more records that were"
        + " required but not found. Record to delete does not exist.";
    static final String PATCH_MISSING = "Credential not found in DB.";

    private final FakeLiteLLMOptions options;
    private final FakeCredentialStore store;
    private final FakeModelStore models;
    private final AtomicReference<FakeLiteLLMOptions.LostResponse> loseNextWrite;

    CredentialRoutes(FakeLiteLLMOptions options, FakeCredentialStore store, FakeModelStore models,
                     AtomicReference<FakeLiteLLMOptions.LostResponse> loseNextWrite) {
        this.options = options;
        this.store = store;
        this.models = models;
        this.loseNextWrite = loseNextWrite;
    }

    void mount(Router router) {
        router.post("/credentials").handler(this::create);
        router.get("/credentials").handler(this::list);
        router.get("/credentials/by_name/:name").handler(this::byName);
        router.patch("/credentials/:name").handler(this::patch);
        router.delete("/credentials/:name").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        Object values = body.getValue("credential_values");
        Object modelId = body.getValue("model_id");
        if (!truthy(values) && !truthy(modelId)) {
            ProxyErrors.valueError(ctx, body, "Either credential_values or model_id must be set");
            return;
        }
        if (!validFields(ctx, body, values != null)) {
            return;
        }
        if (!admin(ctx)) {
            return;
        }
        if (!options.dbConnected()) {
            ProxyErrors.raisedException(ctx, 500, PythonRepr.errorDict(ProxyErrors.NO_DB));
            return;
        }
        int replica = models.nextReplica();
        JsonObject credentialValues = values instanceof JsonObject v ? v : null;
        if (truthy(modelId)) {
            Optional<JsonObject> deployment = models.routerEntry(replica, modelId.toString());
            if (deployment.isEmpty()) {
                ProxyErrors.raisedException(ctx, 404, "Model not found");
                return;
            }
            credentialValues = deploymentCredentials(deployment.get().getJsonObject("litellm_params"));
        }
        if (options.dbDown()) {
            ProxyErrors.raisedException(ctx, 500, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        String name = body.getString("credential_name");
        if (store.create(replica, name, credentialValues, body.getJsonObject("credential_info"))
            == FakeCredentialStore.Failure.UNIQUE_VIOLATION) {
            ProxyErrors.raisedException(ctx, 500, UNIQUE_VIOLATION);
            return;
        }
        answer(ctx, "Credential created successfully");
    }

    private void list(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (FakeCredentialStore.CredentialItem c : store.list(models.nextReplica())) {
            out.add(c.toJson(masked(c.values())));
        }
        ProxyErrors.json(ctx, 200, new JsonObject().put("success", true).put("credentials", out));
    }

    private void byName(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<FakeCredentialStore.CredentialItem> found = store.byName(models.nextReplica(), name);
        if (found.isEmpty()) {
            ProxyErrors.raisedException(ctx, 404, "Credential not found. Got credential name: " + name);
            return;
        }
        ProxyErrors.json(ctx, 200, found.get().toJson(masked(found.get().values())));
    }

    private void patch(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<JsonObject> parsed = RequestBodies.jsonObjectOr422(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (!validFields(ctx, body, true) || !admin(ctx)) {
            return;
        }
        models.nextReplica(); // a worker serves it, but the older handler leaves its list to the next poll
        if (!options.dbConnected()) {
            ProxyErrors.returnedException(ctx, 500, PythonRepr.errorDict(ProxyErrors.NO_DB));
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.returnedException(ctx, 500, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        switch (store.patch(name, body.getString("credential_name"), body.getJsonObject("credential_values"),
            body.getJsonObject("credential_info"))) {
            case NOT_FOUND -> ProxyErrors.returnedException(ctx, 404, PATCH_MISSING);
            case UNIQUE_VIOLATION -> ProxyErrors.returnedException(ctx, 500, UNIQUE_VIOLATION);
            case NONE -> answer(ctx, "Credential updated successfully");
        }
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!admin(ctx)) {
            return;
        }
        if (!options.dbConnected()) {
            ProxyErrors.returnedException(ctx, 500, PythonRepr.errorDict(ProxyErrors.NO_DB));
            return;
        }
        if (options.dbDown()) {
            ProxyErrors.returnedException(ctx, 500, ProxyErrors.DB_UNREACHABLE);
            return;
        }
        if (store.delete(models.nextReplica(), name) == FakeCredentialStore.Failure.NOT_FOUND) {
            ProxyErrors.returnedException(ctx, 500, DELETE_MISSING);
            return;
        }
        answer(ctx, "Credential deleted successfully");
    }

    /** The write is committed; the answer may still be lost on the way back. */
    private void answer(RoutingContext ctx, String message) {
        FakeLiteLLMOptions.LostResponse lost = loseNextWrite.getAndSet(null);
        if (lost == FakeLiteLLMOptions.LostResponse.RESET_CONNECTION) {
            ctx.put(CallRecorder.LOST_RESPONSE, Boolean.TRUE);
            ctx.request().connection().close();
        } else if (lost == FakeLiteLLMOptions.LostResponse.BAD_GATEWAY) {
            ctx.response().setStatusCode(502).putHeader("content-type", "text/html")
                .end("<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>");
        } else {
            ProxyErrors.json(ctx, 200, new JsonObject().put("success", true).put("message", message));
        }
    }

    /** The route gate: a proxy admin, else a raw HTTPException 403 (raised before the handler's try). */
    private static boolean admin(RoutingContext ctx) {
        if (FakeAuth.isAdmin(ctx)) {
            return true;
        }
        ProxyErrors.rawDetailError(ctx, 403, ADMIN_ONLY);
        return false;
    }

    /** credential_name: str and credential_info: dict are required; credential_values, when present, a dict. */
    private static boolean validFields(RoutingContext ctx, JsonObject body, boolean valuesRequired) {
        if (!(body.getValue("credential_name") instanceof String)) {
            ProxyErrors.missingField(ctx, body, "body", "credential_name");
            return false;
        }
        if (!(body.getValue("credential_info") instanceof JsonObject)) {
            ProxyErrors.missingField(ctx, body, "body", "credential_info");
            return false;
        }
        if (valuesRequired && !(body.getValue("credential_values") instanceof JsonObject)) {
            ProxyErrors.missingField(ctx, body, "body", "credential_values");
            return false;
        }
        return true;
    }

    /** {@code _get_masked_values(values, unmasked_length=4, number_of_asterisks=4)}. */
    static JsonObject masked(JsonObject values) {
        JsonObject out = new JsonObject();
        values.forEach(e -> out.put(e.getKey(), sensitive(e.getKey()) ? mask(e.getValue()) : e.getValue()));
        return out;
    }

    private static Object mask(Object v) {
        if (v instanceof JsonObject o) {
            return masked(o);
        }
        if (!(v instanceof String s)) {
            return v;
        }
        return s.length() <= 4 ? "*****" : s.substring(0, 2) + "****" + s.substring(s.length() - 2);
    }

    private static boolean sensitive(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        for (String word : new String[] {"authorization", "token", "key", "secret", "vertex_credentials",
            "credentials", "password", "passwd"}) {
            if (k.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code router.get_deployment_credentials}: the credential params of a deployment. */
    private static JsonObject deploymentCredentials(JsonObject params) {
        JsonObject out = new JsonObject();
        for (String k : new String[] {"api_key", "api_base", "api_version", "aws_access_key_id",
            "aws_secret_access_key", "aws_region_name", "vertex_credentials", "vertex_project", "vertex_location"}) {
            if (params.getValue(k) != null) {
                out.put(k, params.getValue(k));
            }
        }
        return out;
    }

    /** Python truthiness of a JSON value: None, "", {} and [] are falsy. */
    private static boolean truthy(Object v) {
        return v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof JsonObject o && o.isEmpty())
            && !(v instanceof JsonArray a && a.isEmpty()) && !Boolean.FALSE.equals(v);
    }
}
