package ai.litellm.operator.litellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classification, message extraction and scrubbing, and Retry-After parsing, without a server. */
class LiteLLMErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-05T10:00:00Z"), ZoneOffset.UTC);
    private static final SecretScrubber NO_SECRETS = new SecretScrubber("sk-master-key", null);

    private static LiteLLMException.Kind kind(LiteLLMOperation op, int status, String body) {
        return LiteLLMErrors.fromResponse(op, status, Buffer.buffer(body), null, NO_SECRETS, CLOCK).kind();
    }

    @Test
    void statusCodesMapToKinds() {
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, kind(LiteLLMOperation.LIST, 401, "{}"));
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, kind(LiteLLMOperation.CREATE, 403, "{}"));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.PATCH, 404, "{}"));
        assertEquals(LiteLLMException.Kind.RATE_LIMITED, kind(LiteLLMOperation.LIST, 429, "{}"));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 502, "<html>"));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 503, ""));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 504, ""));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.CREATE, 422, "{}"));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, "{}"));
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.LIST, 500, "{}"));
    }

    @Test
    void notFoundIn400OnlyForDeleteAndGet() {
        String deleteBody = "{\"error\":{\"message\":\"{'error': 'Model with id=x not found in db'}\",\"type\":"
            + "\"auth_error\",\"param\":\"None\",\"code\":\"400\"}}";
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.DELETE, 400, deleteBody));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.GET, 400,
            "{\"detail\":{\"error\":\"Model id = x not found on litellm proxy\"}}"));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, deleteBody));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.DELETE, 400,
            "{\"error\":{\"message\":\"Authentication Error, something else\"}}"));
    }

    @Test
    void failedToAddIsDuplicateOnlyOnCreate() {
        String body = "{\"error\":{\"message\":\"{'error': 'Failed to add model to db. Check your server logs for more "
            + "details.'}\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"500\"}}";
        assertEquals(LiteLLMException.Kind.DUPLICATE_ID, kind(LiteLLMOperation.CREATE, 500, body));
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.PATCH, 500, body));
    }

    @Test
    void serverTextReadsAllThreeEnvelopes() {
        assertEquals("boom", LiteLLMErrors.serverText(Buffer.buffer("{\"error\":{\"message\":\"boom\"}}")));
        assertEquals("Service Unhealthy (x)", LiteLLMErrors.serverText(Buffer.buffer("{\"detail\":\"Service Unhealthy (x)\"}")));
        assertEquals("nope", LiteLLMErrors.serverText(Buffer.buffer("{\"detail\":{\"error\":\"nope\"}}")));
        assertEquals("body.model_name: Field required", LiteLLMErrors.serverText(Buffer.buffer(
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model_name\"],\"msg\":\"Field required\","
                + "\"input\":{\"api_key\":\"sk-secret\"}}]}")));
        assertEquals("non-JSON response body", LiteLLMErrors.serverText(Buffer.buffer("<html>502</html>")));
        assertEquals("", LiteLLMErrors.serverText(Buffer.buffer("")));
    }

    @Test
    void messagesScrubTheMasterKeyAndRequestSecrets() {
        JsonObject request = new JsonObject().put("litellm_params", new JsonObject()
            .put("api_key", "sk-provider-secret").put("aws_secret_access_key", "AKIASECRETVALUE").put("model", "gpt-4o"));
        SecretScrubber scrubber = new SecretScrubber("sk-master-key", request);
        String body = "{\"error\":{\"message\":\"bad sk-master-key sk-provider-secret AKIASECRETVALUE gpt-4o\"}}";
        LiteLLMException e = LiteLLMErrors.fromResponse(LiteLLMOperation.CREATE, 400, Buffer.buffer(body), null,
            scrubber, CLOCK);
        assertFalse(e.getMessage().contains("sk-master-key"));
        assertFalse(e.getMessage().contains("sk-provider-secret"));
        assertFalse(e.getMessage().contains("AKIASECRETVALUE"));
        assertTrue(e.getMessage().contains("gpt-4o"), "non-secret text stays: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("LiteLLM POST /model/new failed: HTTP 400 BAD_REQUEST: bad"));
    }

    @Test
    void longServerTextIsTruncated() {
        String body = new JsonObject().put("detail", "x".repeat(5000)).encode();
        LiteLLMException e = LiteLLMErrors.fromResponse(LiteLLMOperation.LIST, 500, Buffer.buffer(body), null,
            NO_SECRETS, CLOCK);
        assertTrue(e.getMessage().length() < 400, "length " + e.getMessage().length());
    }

    @Test
    void retryAfterIsOnlyParsedFor429() {
        LiteLLMException limited = LiteLLMErrors.fromResponse(LiteLLMOperation.LIST, 429, Buffer.buffer("{}"), "7",
            NO_SECRETS, CLOCK);
        assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow());
        LiteLLMException other = LiteLLMErrors.fromResponse(LiteLLMOperation.LIST, 503, Buffer.buffer("{}"), "7",
            NO_SECRETS, CLOCK);
        assertTrue(other.retryAfter().isEmpty());
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", CLOCK).orElseThrow());
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Tue, 5 Aug 2025 10:00:30 GMT", CLOCK).orElseThrow());
        assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 5 Aug 2025 09:00:00 GMT", CLOCK).orElseThrow());
        assertTrue(RetryAfter.parse("soon", CLOCK).isEmpty());
        assertTrue(RetryAfter.parse("-5", CLOCK).isEmpty());
        assertTrue(RetryAfter.parse(null, CLOCK).isEmpty());
    }

    @Test
    void endpointNeverPrintsItsKey() {
        LiteLLMEndpoint ep = new LiteLLMEndpoint("http://litellm.ns.svc:4000//", "sk-very-secret");
        assertFalse(ep.toString().contains("sk-very-secret"));
        assertEquals("http://litellm.ns.svc:4000/model/new", ep.url("/model/new"));
        assertEquals(new LiteLLMEndpoint("http://a:1", "k"), new LiteLLMEndpoint("http://a:1/", "k"));
    }

    @Test
    void modelParsesRowsAndRouterEntries() {
        LiteLLMModel row = LiteLLMModel.fromJson(new JsonObject().put("model_id", "r1").put("model_name", "n")
            .put("model_info", new JsonObject().put("id", "ignored")));
        assertEquals("r1", row.id());
        LiteLLMModel entry = LiteLLMModel.fromJson(new JsonObject().put("model_name", "n")
            .put("model_info", new JsonObject().put("id", 5).put("db_model", true)));
        assertEquals("5", entry.id());
        assertTrue(entry.isDbModel());
        assertTrue(entry.litellmParams().isEmpty());
    }
}
