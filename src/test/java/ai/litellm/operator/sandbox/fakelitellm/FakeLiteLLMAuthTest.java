package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static ai.litellm.operator.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Reference §1.1: which headers carry the key, which one wins, and the 401 bodies. */
class FakeLiteLLMAuthTest extends FakeLiteLLMTestBase {

    private HttpResponse<Buffer> modelInfo(String header, String value) {
        HttpRequest<Buffer> r = http.getAbs(fake.baseUrl() + "/model/info");
        if (header != null) {
            r.putHeader(header, value);
        }
        return await(r.send());
    }

    @Test
    void bearerAuthorizationAndLiteLLMHeaderBothWork() {
        assertEquals(200, modelInfo("Authorization", "Bearer " + MASTER).statusCode());
        assertEquals(200, modelInfo("x-litellm-api-key", MASTER).statusCode());
        assertEquals(200, modelInfo("x-litellm-api-key", "Bearer " + MASTER).statusCode());
        assertEquals(200, modelInfo("x-api-key", MASTER).statusCode());
    }

    @Test
    void liteLLMHeaderTakesPrecedenceOverAuthorization() {
        HttpResponse<Buffer> r = await(http.getAbs(fake.baseUrl() + "/model/info")
            .putHeader("x-litellm-api-key", MASTER).putHeader("Authorization", "Bearer sk-wrong-key-0000").send());
        assertEquals(200, r.statusCode());
        HttpResponse<Buffer> wrongFirst = await(http.getAbs(fake.baseUrl() + "/model/info")
            .putHeader("x-litellm-api-key", "sk-wrong-key-0000").putHeader("Authorization", "Bearer " + MASTER).send());
        assertEquals(401, wrongFirst.statusCode());
    }

    @Test
    void missingKeyIs401() {
        HttpResponse<Buffer> r = modelInfo(null, null);
        assertEquals(401, r.statusCode());
        assertEquals(proxyError("Authentication Error, No api key passed in.", "auth_error", "None", 401),
            r.bodyAsJsonObject());
        assertEquals(401, modelInfo("Authorization", "Token " + MASTER).statusCode(), "unknown scheme = empty key");
    }

    @Test
    void wrongKeyIs401WithAbbreviatedKey() {
        HttpResponse<Buffer> r = modelInfo("Authorization", "Bearer sk-wrong-key-abcd");
        assertEquals(401, r.statusCode());
        assertEquals(proxyError("Authentication Error, Invalid proxy server token passed. Received API Key = "
            + "sk-...abcd, Unable to find token in cache or `LiteLLM_VerificationTokenTable`", "auth_error", "None", 401),
            r.bodyAsJsonObject());
        assertFalse(r.bodyAsString().contains("sk-wrong-key-abcd"));
    }

    @Test
    void keyWithoutSkPrefixIs401VirtualKeyExpected() {
        HttpResponse<Buffer> r = modelInfo("Authorization", "Bearer not-a-virtual-key");
        assertEquals(401, r.statusCode());
        assertEquals(proxyError("Authentication Error, LiteLLM Virtual Key expected. Received=not...-key, expected to "
            + "start with 'sk-'.", "auth_error", "None", 401), r.bodyAsJsonObject());
    }

    @Test
    void masterKeyCanBeRotatedAtRuntime() {
        fake.options().masterKey("sk-rotated-master-5678");
        assertEquals(401, modelInfo("Authorization", "Bearer " + MASTER).statusCode());
        assertEquals(200, modelInfo("Authorization", "Bearer sk-rotated-master-5678").statusCode());
    }
}
