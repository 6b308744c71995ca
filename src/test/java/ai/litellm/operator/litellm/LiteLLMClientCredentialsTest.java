package ai.litellm.operator.litellm;

import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's credential calls against the fake LiteLLM (the older handlers: PATCH and DELETE errors answered with
 * HTTP 200 and a flat body, reads from a worker's memory that catches up at its poll), and against a stub that answers
 * errors as success while echoing the request.
 */
class LiteLLMClientCredentialsTest {
    private static final String MASTER = "sk-credentials-test-master-key";
    private static final String SECRET = "sk-credential-secret-value-4242";
    private static final String ROTATED = "sk-rotated-secret-value-9876";
    /** The fake's worker re-reads the table this often: a PATCH shows in reads only then. */
    private static final long POLL_MS = 300;

    private Vertx vertx;
    private FakeLiteLLM fake;
    private LiteLLMClient client;
    private LiteLLMEndpoint ep;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        fake = await(FakeLiteLLM.start(vertx, new FakeLiteLLMOptions().masterKey(MASTER).pollDelayMs(POLL_MS)
            .nonAdminKeys(Set.of("sk-not-an-admin-0001"))));
        client = LiteLLMClient.create(vertx, new LiteLLMClientOptions().requestTimeout(Duration.ofSeconds(5)));
        ep = new LiteLLMEndpoint(fake.baseUrl(), MASTER);
    }

    @AfterEach
    void tearDown() {
        client.close();
        await(fake.close());
        await(vertx.close());
    }

    private static JsonObject values(String apiKey) {
        return new JsonObject().put("api_key", apiKey).put("api_base", "https://api.example.com/v1");
    }

    private static JsonObject info(String hash) {
        return new JsonObject().put("description", "prod").put("litellm_operator_hash", hash);
    }

    private static LiteLLMException failure(Future<?> f) {
        return assertInstanceOf(LiteLLMException.class, awaitFailure(f));
    }

    /** Neither the values sent nor the master key, in the message or in toString (what logs print). */
    private static void assertNoSecrets(LiteLLMException e, String... secrets) {
        for (String shown : List.of(e.getMessage(), e.toString())) {
            assertFalse(shown.contains(MASTER), shown);
            for (String secret : secrets) {
                assertFalse(shown.contains(secret), shown);
                assertFalse(shown.contains(secret.substring(3, 20)), "a run of the secret: " + shown);
            }
        }
    }

    private Optional<LiteLLMCredential> get(String name) {
        return await(client.getCredential(ep, name));
    }

    @Test
    void createGetUpdateGetDeleteGet() {
        await(client.createCredential(ep, "openai-prod", values(SECRET), info("h1")));
        assertEquals(List.of(new JsonObject().put("credential_name", "openai-prod").put("credential_values",
            values(SECRET)).put("credential_info", info("h1"))), fake.credentials(), "the table holds what was sent");

        LiteLLMCredential read = get("openai-prod").orElseThrow();
        assertEquals("openai-prod", read.name());
        assertEquals(new JsonObject().put("api_key", "sk****42").put("api_base", "https://api.example.com/v1"),
            read.maskedValues(), "secret-looking keys come back masked, the others in clear");
        assertEquals(info("h1"), read.info(), "info comes back in clear: a hash kept there tells drift");

        await(client.updateCredential(ep, "openai-prod", new JsonObject().put("api_key", ROTATED), info("h2")));
        JsonObject row = fake.credentials().get(0);
        assertEquals("openai-prod", row.getString("credential_name"), "the same name in the body: no rename");
        assertEquals(values(ROTATED), row.getJsonObject("credential_values"), "values overlay per key");
        assertEquals(info("h2"), row.getJsonObject("credential_info"));
        eventually("the worker shows the update after its poll", () ->
            get("openai-prod").orElseThrow().info().equals(info("h2")));
        assertEquals("sk****76", get("openai-prod").orElseThrow().maskedValues().getString("api_key"));

        await(client.deleteCredential(ep, "openai-prod"));
        assertEquals(List.of(), fake.credentials());
        assertEquals(Optional.empty(), get("openai-prod"), "the serving worker dropped it with the delete");
    }

    @Test
    void namesWithReservedCharactersAreEncodedInThePath() {
        String name = "team a/openai";
        await(client.createCredential(ep, name, values(SECRET), info("h1")));
        assertEquals(name, get(name).orElseThrow().name());
        await(client.updateCredential(ep, name, values(ROTATED), info("h2")));
        assertEquals(ROTATED, fake.credentials().get(0).getJsonObject("credential_values").getString("api_key"));
        await(client.deleteCredential(ep, name));
        assertEquals(List.of(), fake.credentials());
    }

    @Test
    void aDuplicateCreateIsDuplicateId() {
        await(client.createCredential(ep, "openai-prod", values(SECRET), info("h1")));
        LiteLLMException e = failure(client.createCredential(ep, "openai-prod", values(ROTATED), info("h2")));
        assertEquals(LiteLLMException.Kind.DUPLICATE_ID, e.kind());
        assertEquals(500, e.status());
        assertNoSecrets(e, SECRET, ROTATED);
        assertEquals(SECRET, fake.credentials().get(0).getJsonObject("credential_values").getString("api_key"),
            "the existing credential is untouched");
    }

    @Test
    void anUpdateOfAMissingNameIsNotFoundThoughLiteLLMAnswers200() {
        LiteLLMException e = failure(client.updateCredential(ep, "nope", values(SECRET), info("h1")));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, e.kind());
        assertEquals(404, e.status(), "the code the body carries");
        assertTrue(e.getMessage().contains("HTTP 200"), e.getMessage());
        assertTrue(e.getMessage().contains("Credential not found in DB."), e.getMessage());
        eventually("the fake recorded its HTTP 200 answer", () -> // it records once the response has ended
            fake.calls("/credentials/nope").stream().anyMatch(c -> c.status() == 200));
        assertEquals(List.of(), fake.credentials());
        assertNoSecrets(e, SECRET);
    }

    @Test
    void aDeleteOfAMissingNameIsNotFoundThoughLiteLLMAnswers200() {
        LiteLLMException e = failure(client.deleteCredential(ep, "nope"));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, e.kind());
        assertTrue(LiteLLMException.isNotFound(e));
    }

    @Test
    void aGetOfAnUnknownNameIsEmpty() {
        assertEquals(Optional.empty(), get("nope"));
    }

    @Test
    void aWrongMasterKeyOrANonAdminKeyIsUnauthorized() {
        LiteLLMEndpoint wrong = new LiteLLMEndpoint(fake.baseUrl(), "sk-wrong-master-key-5555");
        LiteLLMException e = failure(client.createCredential(wrong, "openai-prod", values(SECRET), info("h1")));
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, e.kind());
        assertEquals(401, e.status());
        assertNoSecrets(e, SECRET, "sk-wrong-master-key-5555");
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, failure(client.getCredential(wrong, "openai-prod")).kind());
        LiteLLMException forbidden = failure(client.updateCredential(
            new LiteLLMEndpoint(fake.baseUrl(), "sk-not-an-admin-0001"), "openai-prod", values(SECRET), info("h1")));
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, forbidden.kind());
        assertEquals(403, forbidden.status());
        assertEquals(List.of(), fake.credentials());
    }

    @Test
    void withoutADatabaseWritesFailAsNoModelStore() {
        fake.options().dbConnected(false);
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE,
            failure(client.createCredential(ep, "openai-prod", values(SECRET), info("h1"))).kind());
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE,
            failure(client.updateCredential(ep, "openai-prod", values(SECRET), info("h1"))).kind(),
            "answered with HTTP 200 and the error in the body");
    }

    /** A proxy whose error text repeats the request (str(e) of an f-string of it), answered as success. */
    @Test
    void anErrorAnsweredAsSuccessThatEchoesTheRequestShowsNoValue() {
        withStub(req -> req.body().onSuccess(body -> req.response().putHeader("content-type", "application/json")
            .end(new JsonObject().put("message", "Unable to update credential=" + body.toString())
                .put("type", "internal_server_error").put("param", "None").put("code", "500").encode())),
            stub -> {
                LiteLLMException e = failure(client.updateCredential(stub, "openai-prod",
                    new JsonObject().put("api_key", SECRET).put("vertex_credentials",
                        new JsonObject().put("private_key", ROTATED).encode()), info("h1")));
                assertEquals(LiteLLMException.Kind.SERVER_ERROR, e.kind());
                assertEquals(500, e.status());
                assertNoSecrets(e, SECRET, ROTATED);
            });
    }

    @Test
    void aWriteIsConfirmedOnlyBySuccessTrue() {
        withStub(req -> req.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("success", false).put("message", "could not write").encode()),
            stub -> {
                LiteLLMException e = failure(client.createCredential(stub, "openai-prod", values(SECRET), info("h1")));
                assertEquals(LiteLLMException.Kind.SERVER_ERROR, e.kind());
                assertTrue(e.getMessage().contains("could not write"), e.getMessage());
            });
        withStub(req -> req.response().putHeader("content-type", "application/json").end("{}"),
            stub -> {
                LiteLLMException e = failure(client.deleteCredential(stub, "openai-prod"));
                assertEquals(LiteLLMException.Kind.SERVER_ERROR, e.kind());
                assertTrue(e.getMessage().contains("unexpected body"), e.getMessage());
            });
    }

    private void withStub(Handler<HttpServerRequest> handler, Consumer<LiteLLMEndpoint> test) {
        HttpServer stub = await(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
        try {
            test.accept(new LiteLLMEndpoint("http://127.0.0.1:" + stub.actualPort(), MASTER));
        } finally {
            await(stub.close());
        }
    }
}
