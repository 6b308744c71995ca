package ai.litellm.operator.litellm;

import ai.litellm.operator.eventlog.ratelimit.RetryAfter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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
        // POST /model/update says "model not found" with a 400; its 404 is a route the proxy does not serve, and
        // taking it for a missing model would create one that exists.
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.UPDATE_PARAMS, 404, "{}"));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.UPDATE_PARAMS, 405, "{}"));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.UPDATE_PARAMS, 400,
            proxyError(400, "Authentication Error, model not found")));
        assertEquals(LiteLLMException.Kind.RATE_LIMITED, kind(LiteLLMOperation.LIST, 429, "{}"));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 502, "<html>"));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 503, ""));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.LIST, 504, ""));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.CREATE, 422, "{}"));
        assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(LiteLLMOperation.PATCH, 400, "{}"));
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.LIST, 500, "{}"));
    }

    @Test
    void notFoundIn400OnlyForDeleteAndGet() {
        String deleteBody = "{\"error\":{\"message\":\"{'error': 'Model with id=x not found in db'}\",\"type\":"
            + "\"auth_error\",\"param\":\"None\",\"code\":\"400\"}}";
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.DELETE, 400, deleteBody));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, kind(LiteLLMOperation.GET, 400,
            "{\"detail\":{\"error\":\"Model id = x not found on litellm proxy\"}}"));
        assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(LiteLLMOperation.PATCH, 400, deleteBody));
        assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(LiteLLMOperation.DELETE, 400,
            "{\"error\":{\"message\":\"Authentication Error, something else\"}}"));
        assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(LiteLLMOperation.DELETE, 400, proxyError(400,
            "Authentication Error, relation \\\"LiteLLM_ProxyModelTable\\\" not found")),
            "a 400 on delete is 'gone' only when LiteLLM says the id is not in its DB");
    }

    /**
     * Issue #14.9: a proxy without a model store answers every model write the same way until it is configured; these
     * used to be SERVER_ERROR and were retried for ever.
     */
    @Test
    void aProxyWithoutAModelStoreIsItsOwnKindAndNotRetryable() {
        String noDb = proxyError(500, "No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys");
        for (LiteLLMOperation op : List.of(LiteLLMOperation.CREATE, LiteLLMOperation.DELETE)) {
            assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, kind(op, 500, noDb), op.route());
        }
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, kind(LiteLLMOperation.PATCH, 500,
            "{\"detail\":{\"error\":\"DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys\"}}"));
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, kind(LiteLLMOperation.CREATE, 500,
            proxyError(500, "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.")));
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, kind(LiteLLMOperation.PATCH, 400,
            proxyError(400, "Model updates only supported for DB-stored models")));
        LiteLLMException e = LiteLLMErrors.fromResponse(LiteLLMOperation.CREATE, 500, Buffer.buffer(noDb), null,
            NO_SECRETS, CLOCK);
        assertFalse(e.isRetryable(), "a retry cannot succeed until the proxy gets a database");
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.CREATE, 500,
            proxyError(500, "Internal Server Error")), "other 500s stay server errors");
    }

    /** A ProxyException body as model endpoints send it (reference §1.2). */
    private static String proxyError(int status, String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", "auth_error")
            .put("param", "None").put("code", Integer.toString(status))).encode();
    }

    /**
     * Issue #13.2: every model endpoint turns an exception it did not expect (a DB timeout as much as a bug) into
     * 400 "Authentication Error, <str(e)>" (reference §1.2). Only the refusals the contract lists are about the request
     * (BAD_REQUEST: no retry helps); any other 400 may pass on a retry (UNEXPECTED).
     */
    @Test
    void a400IsARefusalOnlyWhenLiteLLMSaysTheRequestIsAtFault() {
        for (LiteLLMOperation op : LiteLLMOperation.values()) {
            assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(op, 400, proxyError(400,
                "Authentication Error, Can't reach database server at `postgres:5432`")), op.name());
            assertEquals(LiteLLMException.Kind.UNEXPECTED, kind(op, 400, proxyError(400,
                "Authentication Error, Timed out fetching a new connection from the connection pool")), op.name());
        }
        assertTrue(LiteLLMErrors.fromResponse(LiteLLMOperation.DELETE, 400, Buffer.buffer(proxyError(400,
            "Authentication Error, timeout")), null, NO_SECRETS, CLOCK).isRetryable());
        // what the contract names as refusals of the request itself
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, proxyError(400,
            "Authentication Error, model_info not provided")));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, proxyError(400,
            "Authentication Error, litellm_params not provided")));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, proxyError(400,
            "{'error': \"Can't edit model. Model in config. Store model in db via `/model/new`. to edit.\"}")));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.PATCH, 400, proxyError(400,
            "Cannot edit config-based model. Store model in DB via /model/new first.")));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.CREATE, 422,
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model_name\"],\"msg\":\"Field required\"}]}"));
        // the proxy, not the request, is set up wrong (no model store): heals when its operator fixes it (#14.9)
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, kind(LiteLLMOperation.PATCH, 400, proxyError(400,
            "Model updates only supported for DB-stored models")));
        // an ingress' request timeout is a timeout
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, kind(LiteLLMOperation.DELETE, 408, "<html>408</html>"));
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
        assertEquals(new ErrorEnvelope("auth_error", "400", "boom"), ErrorEnvelope.parse(Buffer.buffer(
            "{\"error\":{\"message\":\"boom\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"400\"}}")));
        assertEquals("Service Unhealthy (x)", text("{\"detail\":\"Service Unhealthy (x)\"}"));
        assertEquals("nope", text("{\"detail\":{\"error\":\"nope\"}}"));
        assertEquals("body.model_name: Field required", text(
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model_name\"],\"msg\":\"Field required\","
                + "\"input\":{\"api_key\":\"sk-secret\"}}]}"));
        assertEquals("non-JSON response body", text("<html>502</html>"));
        assertEquals("", text(""));
        assertEquals("response body of 300000 bytes not quoted", text("x".repeat(300_000)));
    }

    private static String text(String body) {
        return ErrorEnvelope.parse(Buffer.buffer(body)).text();
    }

    @Test
    void messagesScrubTheMasterKeyAndEveryRequestParam() {
        JsonObject request = new JsonObject().put("litellm_params", new JsonObject()
            .put("api_key", "sk-provider-secret").put("aws_secret_access_key", "AKIASECRETVALUE")
            .put("model", "vertex_ai/gemini-pro").put("api_base", "https://user:hunter2hunter@x.example/"))
            .put("model_info", new JsonObject().put("nested", new JsonObject().put("client_secret", "cs-123456")));
        SecretScrubber scrubber = new SecretScrubber("sk-master-key", request);
        String body = new JsonObject().put("error", new JsonObject().put("message", "bad sk-master-key "
            + "sk-provider-secret AKIASECRETVALUE vertex_ai/gemini-pro hunter2hunter cs-123456 end").put("type", "auth_error")
            .put("param", "None").put("code", "400")).encode();
        LiteLLMException e = LiteLLMErrors.fromResponse(LiteLLMOperation.CREATE, 400, Buffer.buffer(body), null,
            scrubber, CLOCK);
        for (String secret : List.of("sk-master-key", "sk-provider-secret", "AKIASECRETVALUE", "vertex_ai/gemini-pro",
            "hunter2hunter", "cs-123456")) {
            assertFalse(e.getMessage().contains(secret), secret + " in " + e.getMessage());
        }
        assertEquals("LiteLLM POST /model/new failed: HTTP 400 UNEXPECTED (auth_error, code 400): bad <redacted> "
            + "<redacted> <redacted> <redacted> <redacted> <redacted> end", e.getMessage());
    }

    @Test
    void echoedRequestStructuresAreDroppedWholeEvenWithoutKnownSecrets() {
        SecretScrubber none = new SecretScrubber("sk-master-key", null);
        String echo = "Authentication Error, Unable to add deployment={'model_name': 'x', 'litellm_params': "
            + "{'model': 'openai/x', 'api_key': 'sk-unknown-to-us'}, 'model_info': {'id': 'a'}} (see logs)";
        assertEquals("Authentication Error, Unable to add deployment=<redacted> (see logs)", none.scrub(echo, 300));
        assertEquals("Received API Key = <redacted>, expected sk-", none.scrub("Received API Key = sk-...abcd, "
            + "expected sk-", 300));
        assertEquals("header Bearer <redacted> rejected", none.scrub("header Bearer abc.def rejected", 300));
        assertEquals("truncated <redacted>", none.scrub("truncated {\"vertex_credentials\": \"{\\\"type\\\": "
            + "\\\"service_account\\\", \\\"private", 300), "an echo that never closes goes to the end");
        assertEquals("body.litellm_params.api_key: Field required", none.scrub(
            "body.litellm_params.api_key: Field required", 300), "a pydantic loc with a bare message stays");
        assertEquals("{'error': 'Model with id=x not found in db'}",
            none.scrub("{'error': 'Model with id=x not found in db'}", 300));
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

    /** A ProxyException a credential handler returned instead of raising: the body of an HTTP 200. */
    private static String returnedError(String code, String message) {
        return new JsonObject().put("message", message).put("type", "internal_server_error").put("param", "None")
            .put("openai_code", code).put("code", code).encode();
    }

    private static LiteLLMException fromSuccessBody(LiteLLMOperation op, String body) {
        return LiteLLMErrors.fromSuccessBody(op, 200, Buffer.buffer(body), NO_SECRETS, CLOCK);
    }

    @Test
    void credentialErrorsAnsweredWith200FailAsTheirCode() {
        LiteLLMException missing = fromSuccessBody(LiteLLMOperation.CREDENTIAL_UPDATE,
            returnedError("404", "Credential not found in DB."));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, missing.kind());
        assertEquals(404, missing.status());
        assertEquals("LiteLLM PATCH /credentials/{name} failed: HTTP 200 (an error answered as success) NOT_FOUND"
            + " (internal_server_error, code 404): Credential not found in DB.", missing.getMessage());
        LiteLLMException gone = fromSuccessBody(LiteLLMOperation.CREDENTIAL_DELETE, returnedError("500",
            "An operation failed because it depends on one or more records that were required but not found. Record"
                + " to delete does not exist."));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, gone.kind(), "Prisma's P2025 on delete: the name is gone");
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, fromSuccessBody(LiteLLMOperation.CREDENTIAL_DELETE,
            returnedError("500", "Can't reach database server at `postgres:5432`")).kind());
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, fromSuccessBody(LiteLLMOperation.CREDENTIAL_UPDATE,
            returnedError("500", "{'error': \"No DB Connected. Here's how to do it\"}")).kind());
        LiteLLMException noCode = fromSuccessBody(LiteLLMOperation.CREDENTIAL_CREATE,
            new JsonObject().put("success", false).put("message", "no").encode());
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, noCode.kind());
        assertEquals(500, noCode.status(), "an error naming no code counts as a 500");
        assertEquals(LiteLLMException.Kind.NOT_FOUND, fromSuccessBody(LiteLLMOperation.CREDENTIAL_GET,
            returnedError("404", "Credential not found.")).kind(), "a read may return its error too");
    }

    @Test
    void aCredentialWriteSucceedsOnlyWithSuccessTrue() {
        for (LiteLLMOperation op : List.of(LiteLLMOperation.CREDENTIAL_CREATE, LiteLLMOperation.CREDENTIAL_UPDATE,
            LiteLLMOperation.CREDENTIAL_DELETE)) {
            assertEquals(null, fromSuccessBody(op, "{\"success\":true,\"message\":\"Credential created\"}"));
            for (String body : List.of("{}", "null", "<html>ok</html>", "{\"success\":\"true\"}", "")) {
                LiteLLMException e = fromSuccessBody(op, body);
                assertEquals(LiteLLMException.Kind.SERVER_ERROR, e == null ? null : e.kind(), op + " " + body);
            }
        }
        assertEquals(null, fromSuccessBody(LiteLLMOperation.CREDENTIAL_GET, new JsonObject()
            .put("credential_name", "c").put("credential_values", new JsonObject()).put("credential_info",
                new JsonObject()).encode()), "a read has no success field");
        assertEquals(null, fromSuccessBody(LiteLLMOperation.CREATE, returnedError("404", "x")),
            "model endpoints raise every error: their 2xx is success");
    }

    @Test
    void aCredentialCreateOfAnExistingNameIsDuplicate() {
        String unique = proxyError(500, "Unique constraint failed on the fields: (`credential_name`)");
        assertEquals(LiteLLMException.Kind.DUPLICATE_ID, kind(LiteLLMOperation.CREDENTIAL_CREATE, 500, unique));
        assertEquals(LiteLLMException.Kind.DUPLICATE_ID, kind(LiteLLMOperation.CREDENTIAL_CREATE, 500,
            proxyError(500, "Credential openai already exists")));
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.CREDENTIAL_UPDATE, 500, unique),
            "only a create: a PATCH never renames, so this is not about its name");
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, kind(LiteLLMOperation.CREATE, 500, unique));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, kind(LiteLLMOperation.CREDENTIAL_CREATE, 400, proxyError(400,
            "Credential values are required. Unable to infer credential values from model ID.")));
    }
}
