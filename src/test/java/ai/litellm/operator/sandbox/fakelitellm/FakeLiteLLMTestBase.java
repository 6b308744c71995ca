package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static ai.litellm.operator.testing.Await.await;

/** A fresh fake per test and a raw WebClient to talk to it with exact bodies. */
abstract class FakeLiteLLMTestBase {
    static final String MASTER = "sk-test-master-1234";
    Vertx vertx;
    WebClient http;
    FakeLiteLLM fake;

    @BeforeEach
    void startFake() {
        vertx = Vertx.vertx();
        http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(64));
        fake = await(FakeLiteLLM.start(vertx, options(new FakeLiteLLMOptions().masterKey(MASTER))));
    }

    /** Tests override to start with other knobs. */
    FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
        return defaults;
    }

    @AfterEach
    void stopFake() {
        await(fake.close());
        await(vertx.close());
    }

    HttpRequest<Buffer> req(HttpMethod method, String path) {
        return http.requestAbs(method, fake.baseUrl() + path).putHeader("Authorization", "Bearer " + MASTER);
    }

    HttpResponse<Buffer> get(String path) {
        return await(req(HttpMethod.GET, path).send());
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return await(req(HttpMethod.POST, path).sendJsonObject(body));
    }

    HttpResponse<Buffer> patch(String path, JsonObject body) {
        return await(req(HttpMethod.PATCH, path).sendJsonObject(body));
    }

    static JsonObject deployment(String id) {
        return new JsonObject()
            .put("model_name", "gpt-4o")
            .put("litellm_params", new JsonObject()
                .put("model", "azure/gpt-4o-eu")
                .put("api_base", "https://x.openai.azure.com/")
                .put("api_key", "sk-provider-secret-value")
                .put("api_version", "2024-10-21")
                .put("rpm", 600))
            .put("model_info", new JsonObject().put("id", id).put("mode", "chat").put("base_model", "azure/gpt-4o"));
    }

    static JsonObject proxyError(String message, String type, Object param, int code) {
        return new JsonObject().put("error", new JsonObject()
            .put("message", message).put("type", type).put("param", param).put("code", Integer.toString(code)));
    }
}
