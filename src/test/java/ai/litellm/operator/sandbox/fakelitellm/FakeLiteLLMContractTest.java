package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static ai.litellm.operator.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each endpoint of reference §2 and §4: the success shape and every error envelope, compared as exact JSON. */
class FakeLiteLLMContractTest extends FakeLiteLLMTestBase {
    private static final JsonObject CONFIG_MODEL = new JsonObject()
        .put("model_name", "fake-openai-endpoint")
        .put("litellm_params", new JsonObject().put("model", "openai/fake").put("api_base", "https://example/"));

    @Override
    FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
        return defaults.configModels(List.of(CONFIG_MODEL)).nonAdminKeys(Set.of("sk-internal-user-9999"));
    }

    private String configId() {
        JsonArray data = get("/model/info").bodyAsJsonObject().getJsonArray("data");
        return data.getJsonObject(0).getJsonObject("model_info").getString("id");
    }

    @Test
    void createReturnsThePrismaRowWithEncryptedStringParams() {
        HttpResponse<Buffer> r = post("/model/new", deployment("ns1.gpt-4o.7c9e"));
        assertEquals(200, r.statusCode());
        JsonObject row = r.bodyAsJsonObject();
        assertEquals(Set.of("model_id", "model_name", "litellm_params", "model_info", "created_at", "created_by",
            "updated_at", "updated_by"), row.fieldNames());
        assertEquals("ns1.gpt-4o.7c9e", row.getString("model_id"));
        assertEquals("gpt-4o", row.getString("model_name"));
        assertEquals("default_user_id", row.getString("created_by"));
        assertTrue(row.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        JsonObject params = row.getJsonObject("litellm_params");
        assertEquals(Set.of("model", "api_base", "api_key", "api_version", "rpm", "use_in_pass_through",
            "use_litellm_proxy", "merge_reasoning_content_in_choices"), params.fieldNames());
        assertNotEquals("azure/gpt-4o-eu", params.getString("model"));
        assertNotEquals("sk-provider-secret-value", params.getString("api_key"));
        assertFalse(r.bodyAsString().contains("sk-provider-secret-value"));
        assertEquals(600, params.getInteger("rpm"));
        assertEquals(false, params.getBoolean("use_in_pass_through"));
        assertEquals(new JsonObject("{\"id\":\"ns1.gpt-4o.7c9e\",\"mode\":\"chat\",\"base_model\":\"azure/gpt-4o\","
            + "\"db_model\":false}"), row.getJsonObject("model_info"));
        assertEquals("sk-provider-secret-value",
            fake.models().get(0).getJsonObject("litellm_params").getString("api_key"));
    }

    @Test
    void createWithoutIdGetsAUuidAndIntIdsBecomeStrings() {
        JsonObject noId = deployment("x");
        noId.getJsonObject("model_info").remove("id");
        String id = post("/model/new", noId).bodyAsJsonObject().getString("model_id");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        JsonObject intId = deployment("x");
        intId.getJsonObject("model_info").put("id", 42);
        assertEquals("42", post("/model/new", intId).bodyAsJsonObject().getString("model_id"));
    }

    @Test
    void createDuplicateIdIs500FailedToAdd() {
        post("/model/new", deployment("dup"));
        HttpResponse<Buffer> r = post("/model/new", deployment("dup"));
        assertEquals(500, r.statusCode());
        assertEquals(proxyError("{'error': 'Failed to add model to db. Check your server logs for more details.'}",
            "auth_error", "None", 500), r.bodyAsJsonObject());
        assertEquals(1, fake.models().size());
    }

    @Test
    void createBodyValidationIs422() {
        JsonObject body = new JsonObject().put("litellm_params", new JsonObject().put("model", "m"));
        HttpResponse<Buffer> r = post("/model/new", body);
        assertEquals(422, r.statusCode());
        assertEquals(new JsonObject().put("detail", new JsonArray().add(new JsonObject().put("type", "missing")
            .put("loc", new JsonArray().add("body").add("model_name")).put("msg", "Field required").put("input", body))),
            r.bodyAsJsonObject());
        JsonObject noModel = new JsonObject().put("model_name", "n").put("litellm_params", new JsonObject());
        JsonObject detail = post("/model/new", noModel).bodyAsJsonObject().getJsonArray("detail").getJsonObject(0);
        assertEquals(new JsonArray().add("body").add("litellm_params").add("model"), detail.getJsonArray("loc"));
        HttpResponse<Buffer> notJson = await(req(HttpMethod.POST, "/model/new").sendBuffer(Buffer.buffer("{oops")));
        assertEquals(422, notJson.statusCode());
        assertEquals("json_invalid", notJson.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0).getString("type"));
    }

    @Test
    void createWithoutDbOrWithoutStoreModelInDbIs500() {
        fake.options().dbConnected(false);
        HttpResponse<Buffer> noDb = post("/model/new", deployment("a"));
        assertEquals(500, noDb.statusCode());
        assertEquals(proxyError("{'error': \"No DB Connected. Here's how to do it - "
            + "https://docs.litellm.ai/docs/proxy/virtual_keys\"}", "auth_error", "None", 500), noDb.bodyAsJsonObject());
        fake.options().dbConnected(true).storeModelInDb(false);
        HttpResponse<Buffer> noStore = post("/model/new", deployment("a"));
        assertEquals(500, noStore.statusCode());
        assertEquals(proxyError("{'error': \"Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.\"}",
            "auth_error", "None", 500), noStore.bodyAsJsonObject());
        assertTrue(fake.models().isEmpty());
    }

    @Test
    void nonAdminKeyGets403OnWrites() {
        HttpResponse<Buffer> r = await(http.postAbs(fake.baseUrl() + "/model/new")
            .putHeader("Authorization", "Bearer sk-internal-user-9999").sendJsonObject(deployment("a")));
        assertEquals(403, r.statusCode());
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertEquals("403", error.getString("code"));
        assertTrue(error.getString("message").startsWith("{'error': 'User does not have permission to make this "
            + "model call. Your role=internal_user"), error.getString("message"));
    }

    @Test
    void modelInfoListsConfigAndDbModelsDecryptedWithoutSecrets() {
        post("/model/new", deployment("ns1.gpt-4o.7c9e"));
        HttpResponse<Buffer> r = get("/model/info");
        assertEquals(200, r.statusCode());
        assertFalse(r.bodyAsString().contains("api_key"));
        JsonArray data = r.bodyAsJsonObject().getJsonArray("data");
        assertEquals(2, data.size());
        JsonObject config = data.getJsonObject(0);
        assertEquals(false, config.getJsonObject("model_info").getBoolean("db_model"));
        assertTrue(config.getJsonObject("model_info").getString("id").matches("[0-9a-f]{64}"));
        assertEquals(new JsonObject("""
            {"model_name":"gpt-4o",
             "litellm_params":{"model":"azure/gpt-4o-eu","api_base":"https://x.openai.azure.com/",
               "api_version":"2024-10-21","rpm":600,"use_in_pass_through":false,"use_litellm_proxy":false,
               "merge_reasoning_content_in_choices":false},
             "model_info":{"id":"ns1.gpt-4o.7c9e","mode":"chat","base_model":"azure/gpt-4o","db_model":true,
               "litellm_provider":"azure","key":"azure/gpt-4o-eu"}}"""), data.getJsonObject(1));
        assertEquals(data, get("/v1/model/info").bodyAsJsonObject().getJsonArray("data"));
    }

    @Test
    void modelInfoById() {
        post("/model/new", deployment("one"));
        JsonArray data = get("/model/info?litellm_model_id=one").bodyAsJsonObject().getJsonArray("data");
        assertEquals(1, data.size());
        assertEquals("one", data.getJsonObject(0).getJsonObject("model_info").getString("id"));
        HttpResponse<Buffer> missing = get("/model/info?litellm_model_id=nope");
        assertEquals(400, missing.statusCode());
        assertEquals(new JsonObject("{\"detail\":{\"error\":\"Model id = nope not found on litellm proxy\"}}"),
            missing.bodyAsJsonObject());
    }

    @Test
    void v2ModelInfoFiltersByNameAndNeedsTheDb() {
        post("/model/new", deployment("a"));
        JsonArray all = get("/v2/model/info").bodyAsJsonObject().getJsonArray("data");
        assertEquals(2, all.size());
        JsonArray named = get("/v2/model/info?model=gpt-4o").bodyAsJsonObject().getJsonArray("data");
        assertEquals(1, named.size());
        assertFalse(named.encode().contains("api_key"));
        fake.options().dbConnected(false);
        HttpResponse<Buffer> r = get("/v2/model/info");
        assertEquals(500, r.statusCode());
        assertEquals(new JsonObject("{\"detail\":{\"error\":\"DB not connected. See "
            + "https://docs.litellm.ai/docs/proxy/virtual_keys\"}}"), r.bodyAsJsonObject());
    }

    @Test
    void patchMergesNameParamsAndInfo() {
        post("/model/new", deployment("p1"));
        JsonObject update = new JsonObject().put("model_name", "gpt-4o-renamed")
            .put("litellm_params", new JsonObject().put("rpm", 10).put("api_version", null).put("tpm", 5))
            .put("model_info", new JsonObject().put("id", "p1").put("mode", "embedding"));
        HttpResponse<Buffer> r = patch("/model/p1/update", update);
        assertEquals(200, r.statusCode());
        JsonObject row = r.bodyAsJsonObject();
        assertEquals("gpt-4o-renamed", row.getString("model_name"));
        assertEquals(10, row.getJsonObject("litellm_params").getInteger("rpm"));
        assertEquals("embedding", row.getJsonObject("model_info").getString("mode"));
        JsonObject read = get("/model/info?litellm_model_id=p1").bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        assertEquals("gpt-4o-renamed", read.getString("model_name"));
        assertEquals("2024-10-21", read.getJsonObject("litellm_params").getString("api_version"), "null keeps the value");
        assertEquals(5, read.getJsonObject("litellm_params").getInteger("tpm"));
    }

    @Test
    void patchErrors() {
        HttpResponse<Buffer> missing = patch("/model/nope/update", new JsonObject());
        assertEquals(404, missing.statusCode());
        assertEquals(proxyError("Model nope not found on proxy.", "not_found_error", null, 404),
            missing.bodyAsJsonObject());
        HttpResponse<Buffer> config = patch("/model/" + configId() + "/update", new JsonObject());
        assertEquals(400, config.statusCode());
        assertEquals("Cannot edit config-based model. Store model in DB via /model/new first.",
            config.bodyAsJsonObject().getJsonObject("error").getString("message"));
        fake.options().storeModelInDb(false);
        assertEquals(400, patch("/model/nope/update", new JsonObject()).statusCode());
        fake.options().dbConnected(false);
        HttpResponse<Buffer> noDb = patch("/model/nope/update", new JsonObject());
        assertEquals(500, noDb.statusCode());
        assertEquals(new JsonObject("{\"detail\":{\"error\":\"DB not connected. See "
            + "https://docs.litellm.ai/docs/proxy/virtual_keys\"}}"), noDb.bodyAsJsonObject());
    }

    @Test
    void postUpdateOverlaysOnlyLitellmParams() {
        post("/model/new", deployment("u1"));
        JsonObject body = new JsonObject().put("model_name", "ignored")
            .put("litellm_params", new JsonObject().put("rpm", 7))
            .put("model_info", new JsonObject().put("id", "u1"));
        HttpResponse<Buffer> r = post("/model/update", body);
        assertEquals(200, r.statusCode());
        assertEquals("gpt-4o", r.bodyAsJsonObject().getString("model_name"));
        assertEquals(7, fake.models().get(0).getJsonObject("litellm_params").getInteger("rpm"));
        assertEquals("sk-provider-secret-value", fake.models().get(0).getJsonObject("litellm_params").getString("api_key"));
    }

    @Test
    void postUpdateErrors() {
        JsonObject unknown = new JsonObject().put("litellm_params", new JsonObject().put("rpm", 1))
            .put("model_info", new JsonObject().put("id", "nope"));
        HttpResponse<Buffer> r = post("/model/update", unknown);
        assertEquals(400, r.statusCode());
        assertEquals(proxyError("Authentication Error, model not found", "auth_error", "None", 400), r.bodyAsJsonObject());
        JsonObject config = unknown.copy().put("model_info", new JsonObject().put("id", configId()));
        assertEquals(proxyError("{'error': \"Can't edit model. Model in config. Store model in db via `/model/new`. "
            + "to edit.\"}", "auth_error", "None", 400), post("/model/update", config).bodyAsJsonObject());
        assertEquals(proxyError("Authentication Error, model_info not provided", "auth_error", "None", 400),
            post("/model/update", new JsonObject()).bodyAsJsonObject());
        post("/model/new", deployment("u2"));
        fake.options().storeModelInDb(false);
        HttpResponse<Buffer> nullAnswer = post("/model/update", unknown.copy().put("model_info", new JsonObject().put("id", "u2")));
        assertEquals(200, nullAnswer.statusCode());
        assertEquals("null", nullAnswer.bodyAsString());
    }

    @Test
    void deleteRemovesTheModel() {
        post("/model/new", deployment("d1"));
        HttpResponse<Buffer> r = post("/model/delete", new JsonObject().put("id", "d1"));
        assertEquals(200, r.statusCode());
        assertEquals(new JsonObject().put("message", "Model: d1 deleted successfully"), r.bodyAsJsonObject());
        assertTrue(fake.models().isEmpty());
        assertEquals(400, get("/model/info?litellm_model_id=d1").statusCode());
    }

    @Test
    void deleteErrors() {
        HttpResponse<Buffer> r = post("/model/delete", new JsonObject().put("id", "nope"));
        assertEquals(400, r.statusCode());
        assertEquals(proxyError("{'error': 'Model with id=nope not found in db'}", "auth_error", "None", 400),
            r.bodyAsJsonObject());
        String cfg = configId();
        assertEquals(proxyError("{'error': 'Model with id=" + cfg + " not found in db'}", "auth_error", "None", 400),
            post("/model/delete", new JsonObject().put("id", cfg)).bodyAsJsonObject());
        assertEquals(422, post("/model/delete", new JsonObject()).statusCode());
        fake.options().dbConnected(false);
        assertEquals(500, post("/model/delete", new JsonObject().put("id", "nope")).statusCode());
    }

    @Test
    void modelGroupInfoAndOpenAiModelList() {
        post("/model/new", deployment("g1"));
        post("/model/new", deployment("g2"));
        JsonArray groups = get("/model_group/info").bodyAsJsonObject().getJsonArray("data");
        assertEquals(2, groups.size());
        JsonObject gpt = get("/model_group/info?model_group=gpt-4o").bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        assertEquals("gpt-4o", gpt.getString("model_group"));
        assertEquals(new JsonArray().add("azure"), gpt.getJsonArray("providers"));
        assertEquals(1200, gpt.getInteger("rpm"));
        assertEquals(new JsonObject("""
            {"data":[{"id":"fake-openai-endpoint","object":"model","created":1677610602,"owned_by":"openai"},
                     {"id":"gpt-4o","object":"model","created":1677610602,"owned_by":"openai"}],"object":"list"}"""),
            get("/models").bodyAsJsonObject());
        assertEquals(get("/models").bodyAsJsonObject(), get("/v1/models").bodyAsJsonObject());
    }

    @Test
    void healthProbesArePublic() {
        HttpResponse<Buffer> alive = await(http.getAbs(fake.baseUrl() + "/health/liveliness").send());
        assertEquals(200, alive.statusCode());
        assertEquals("\"I'm alive!\"", alive.bodyAsString());
        assertEquals("\"I'm alive!\"", await(http.getAbs(fake.baseUrl() + "/health/liveness").send()).bodyAsString());
        JsonObject ready = await(http.getAbs(fake.baseUrl() + "/health/readiness").send()).bodyAsJsonObject();
        assertEquals("connected", ready.getString("status"));
        assertEquals("connected", ready.getString("db"));
        assertEquals("1.74.9", ready.getString("litellm_version"));
        assertTrue(ready.containsKey("cache") && ready.getValue("cache") == null);
        fake.options().dbConnected(false);
        JsonObject noDb = await(http.getAbs(fake.baseUrl() + "/health/readiness").send()).bodyAsJsonObject();
        assertEquals("healthy", noDb.getString("status"));
        assertEquals("Not connected", noDb.getString("db"));
        fake.options().dbConnected(true).dbDown(true);
        HttpResponse<Buffer> down = await(http.getAbs(fake.baseUrl() + "/health/readiness").send());
        assertEquals(503, down.statusCode());
        assertEquals(new JsonObject().put("detail", "Service Unhealthy (Can't reach database server at `postgres:5432`)"),
            down.bodyAsJsonObject());
    }

    @Test
    void healthWithAuthListsDeploymentsWithoutSecrets() {
        post("/model/new", deployment("h1"));
        assertEquals(401, await(http.getAbs(fake.baseUrl() + "/health").send()).statusCode());
        JsonObject health = get("/health").bodyAsJsonObject();
        assertEquals(2, health.getInteger("healthy_count"));
        assertEquals(0, health.getInteger("unhealthy_count"));
        assertFalse(health.encode().contains("sk-provider-secret-value"));
    }

    @Test
    void dbOutageMakesCreateLookLikeADuplicate() {
        fake.options().dbDown(true);
        HttpResponse<Buffer> r = post("/model/new", deployment("o1"));
        assertEquals(500, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("Failed to add model to db"));
        assertTrue(fake.models().isEmpty());
    }

    @Test
    void callsAreRecordedWithoutSecrets() {
        post("/model/new", deployment("r1"));
        get("/model/info?litellm_model_id=r1");
        List<RecordedCall> calls = fake.calls();
        assertEquals(2, calls.size());
        RecordedCall create = fake.calls("/model/new").get(0);
        assertEquals("POST", create.method());
        assertEquals(200, create.status());
        assertFalse(create.bodySummary().contains("sk-provider-secret-value"));
        assertTrue(create.bodySummary().contains("azure/gpt-4o-eu"));
        assertEquals("litellm_model_id=r1", fake.calls("/model/info").get(0).query());
        fake.resetCalls();
        assertTrue(fake.calls().isEmpty());
    }

    @Test
    void directStateAccessBypassesTheApi() {
        String id = fake.putModelDirectly(deployment("direct"));
        assertEquals("direct", id);
        assertEquals(200, get("/model/info?litellm_model_id=direct").statusCode());
        assertTrue(fake.deleteModelDirectly("direct"));
        assertFalse(fake.deleteModelDirectly("direct"));
        assertTrue(fake.calls("/model/new").isEmpty());
    }
}
