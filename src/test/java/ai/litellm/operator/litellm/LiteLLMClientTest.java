package ai.litellm.operator.litellm;

import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every client method against the fake, and every {@link LiteLLMException.Kind} produced by a real answer. */
class LiteLLMClientTest {
    private static final String MASTER = "sk-client-test-master-key";
    private static final String PROVIDER_KEY = "sk-provider-secret-value-123";

    private Vertx vertx;
    private FakeLiteLLM fake;
    private LiteLLMClient client;
    private LiteLLMEndpoint ep;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        fake = await(FakeLiteLLM.start(vertx, new FakeLiteLLMOptions().masterKey(MASTER)
            .nonAdminKeys(Set.of("sk-not-an-admin-0001"))
            .configModels(List.of(new JsonObject().put("model_name", "cfg")
                .put("litellm_params", new JsonObject().put("model", "openai/cfg"))))));
        client = LiteLLMClient.create(vertx, new LiteLLMClientOptions().requestTimeout(Duration.ofSeconds(5)));
        ep = new LiteLLMEndpoint(fake.baseUrl() + "/", MASTER);
    }

    @AfterEach
    void tearDown() {
        client.close();
        await(fake.close());
        await(vertx.close());
    }

    private static JsonObject deployment(String id) {
        return new JsonObject().put("model_name", "gpt-4o")
            .put("litellm_params", new JsonObject().put("model", "azure/gpt-4o").put("api_key", PROVIDER_KEY)
                .put("api_base", "https://x.example/").put("rpm", 60))
            .put("model_info", new JsonObject().put("id", id).put("mode", "chat"));
    }

    private LiteLLMException failure(io.vertx.core.Future<?> f) {
        return assertInstanceOf(LiteLLMException.class, awaitFailure(f));
    }

    private void assertNoSecrets(LiteLLMException e) {
        assertFalse(e.getMessage().contains(MASTER), e.getMessage());
        assertFalse(e.getMessage().contains(PROVIDER_KEY), e.getMessage());
    }

    @Test
    void createGetListPatchDelete() {
        LiteLLMModel created = await(client.createModel(ep, deployment("m1")));
        assertEquals("m1", created.id());
        assertEquals("gpt-4o", created.modelName());

        LiteLLMModel read = await(client.getModel(ep, "m1")).orElseThrow();
        assertEquals("azure/gpt-4o", read.litellmParams().getString("model"));
        assertFalse(read.litellmParams().containsKey("api_key"));
        assertTrue(read.isDbModel());

        List<LiteLLMModel> all = await(client.listModels(ep));
        assertEquals(List.of("cfg", "gpt-4o"), all.stream().map(LiteLLMModel::modelName).toList());
        assertFalse(all.get(0).isDbModel());

        LiteLLMModel patched = await(client.patchModel(ep, "m1", new JsonObject().put("model_name", "gpt-4o-b")
            .put("litellm_params", new JsonObject().put("rpm", 5))));
        assertEquals("gpt-4o-b", patched.modelName());
        assertEquals(5, await(client.getModel(ep, "m1")).orElseThrow().litellmParams().getInteger("rpm"));

        await(client.deleteModel(ep, "m1"));
        assertEquals(Optional.empty(), await(client.getModel(ep, "m1")));
    }

    @Test
    void idsWithReservedCharactersAreEncodedInThePath() {
        await(client.createModel(ep, deployment("ns/a b")));
        assertEquals("gpt-4o-x", await(client.patchModel(ep, "ns/a b", new JsonObject().put("model_name", "gpt-4o-x")))
            .modelName());
    }

    @Test
    void deleteOfAnUnknownIdIsNotFound() {
        LiteLLMException e = failure(client.deleteModel(ep, "gone"));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, e.kind());
        assertEquals(400, e.status());
        assertTrue(LiteLLMException.isNotFound(e));
        assertFalse(e.isRetryable());
        await(client.createModel(ep, deployment("here")));
        await(client.deleteModel(ep, "here"));
        assertTrue(LiteLLMException.isNotFound(failure(client.deleteModel(ep, "here"))), "a second delete: gone");
    }

    @Test
    void patchOfAnUnknownIdIsNotFound() {
        LiteLLMException e = failure(client.patchModel(ep, "gone", new JsonObject()));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, e.kind());
        assertEquals(404, e.status());
    }

    @Test
    void updateModelParamsOverlaysTheStoredRowWithoutReloadingTheRouter() {
        fake.options().pollDelayMs(60_000); // workers poll the DB once a minute: only a reload would show a change
        await(client.createModel(ep, deployment("m1")));
        String rotated = "sk-provider-rotated-value-456";

        LiteLLMModel written = await(client.updateModelParams(ep, "m1",
            new JsonObject().put("api_key", rotated).put("rpm", 7)));
        assertEquals("m1", written.id());
        JsonObject stored = fake.models().stream().filter(m -> "m1".equals(m.getString("model_id"))).findFirst()
            .orElseThrow().getJsonObject("litellm_params");
        assertEquals(rotated, stored.getString("api_key"), "the new value is in the database");
        assertEquals("azure/gpt-4o", stored.getString("model"), "an overlay: other params kept");
        assertEquals(7, stored.getInteger("rpm"));
        assertEquals(60, await(client.getModel(ep, "m1")).orElseThrow().litellmParams().getInteger("rpm"),
            "no router reload: the worker serves the old row until its poll");
    }

    @Test
    void updateModelParamsErrorsAreKnownKinds() {
        LiteLLMException gone = failure(client.updateModelParams(ep, "gone", new JsonObject().put("rpm", 1)));
        assertEquals(LiteLLMException.Kind.NOT_FOUND, gone.kind(), gone.getMessage());
        assertEquals(400, gone.status());

        String cfgId = await(client.listModels(ep)).get(0).id();
        assertEquals(LiteLLMException.Kind.BAD_REQUEST,
            failure(client.updateModelParams(ep, cfgId, new JsonObject().put("rpm", 1))).kind(), "a config model");

        await(client.createModel(ep, deployment("m2")));
        fake.options().storeModelInDb(false);
        LiteLLMException notStored = failure(client.updateModelParams(ep, "m2",
            new JsonObject().put("api_key", PROVIDER_KEY)));
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, notStored.kind(), "200 null: " + notStored.getMessage());
        assertNoSecrets(notStored);
        fake.options().storeModelInDb(true).dbConnected(false);
        LiteLLMException noDb = failure(client.updateModelParams(ep, "m2", new JsonObject().put("rpm", 1)));
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, noDb.kind(), noDb.getMessage());
    }

    @Test
    void duplicateCreateIsDuplicateId() {
        await(client.createModel(ep, deployment("dup")));
        LiteLLMException e = failure(client.createModel(ep, deployment("dup")));
        assertEquals(LiteLLMException.Kind.DUPLICATE_ID, e.kind());
        assertEquals(500, e.status());
        assertNoSecrets(e);
    }

    @Test
    void wrongKeyAndNonAdminAreUnauthorized() {
        LiteLLMException wrong = failure(client.listModels(new LiteLLMEndpoint(fake.baseUrl(), "sk-wrong-key-9876")));
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, wrong.kind());
        assertEquals(401, wrong.status());
        assertFalse(wrong.getMessage().contains("sk-wrong-key-9876"));
        LiteLLMException forbidden =
            failure(client.createModel(new LiteLLMEndpoint(fake.baseUrl(), "sk-not-an-admin-0001"), deployment("x")));
        assertEquals(LiteLLMException.Kind.UNAUTHORIZED, forbidden.kind());
        assertEquals(403, forbidden.status());
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        fake.options().rateLimitPerSecond(1);
        LiteLLMException e = null;
        for (int i = 0; i < 5 && e == null; i++) {
            try {
                await(client.listModels(ep));
            } catch (LiteLLMException limited) {
                e = limited;
            }
        }
        assertTrue(e != null, "a call was rate limited");
        assertEquals(LiteLLMException.Kind.RATE_LIMITED, e.kind());
        assertTrue(e.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(1)) >= 0);
        assertTrue(e.isRetryable());
    }

    @Test
    void refusedConnectionIsUnavailable() {
        await(fake.stopServer());
        LiteLLMException e = failure(client.listModels(ep));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.status());
        await(fake.restartServer());
        assertEquals(1, await(client.listModels(ep)).size());
    }

    @Test
    void downAndBadGatewayAreUnavailable() {
        fake.options().down(true);
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, failure(client.listModels(ep)).kind());
        fake.options().down(false);
        fake.loseNextCreateResponse(FakeLiteLLMOptions.LostResponse.BAD_GATEWAY);
        LiteLLMException e = failure(client.createModel(ep, deployment("gw")));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
        assertEquals(502, e.status());
        assertTrue(await(client.getModel(ep, "gw")).isPresent(), "the create happened; a read confirms it");
    }

    @Test
    void resetConnectionOnCreateIsUnavailable() {
        fake.loseNextCreateResponse(FakeLiteLLMOptions.LostResponse.RESET_CONNECTION);
        LiteLLMException e = failure(client.createModel(ep, deployment("lost")));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
        assertNoSecrets(e);
        assertTrue(await(client.getModel(ep, "lost")).isPresent());
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        LiteLLMClient impatient = LiteLLMClient.create(vertx,
            new LiteLLMClientOptions().requestTimeout(Duration.ofMillis(300)));
        try {
            fake.options().latencyMs(3_000);
            LiteLLMException e = failure(impatient.listModels(ep));
            assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("TimeoutException"), e.getMessage());
        } finally {
            impatient.close();
        }
    }

    @Test
    void aViewWithAShorterTimeoutDropsTheCallAndLeavesTheClientOpen() throws InterruptedException {
        assertEquals(Duration.ofSeconds(5), client.requestTimeout());
        assertSame(client, client.within(Duration.ofMinutes(1)), "a longer timeout changes nothing");
        LiteLLMClient hurried = client.within(Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(300), hurried.requestTimeout());
        fake.options().latencyMs(3_000);
        LiteLLMException e = failure(hurried.listModels(ep));
        assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
        // The request was dropped (its connection closed), not left to run until the proxy answered.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fake.calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(-1, fake.calls().get(0).status(), "dropped, not answered: " + fake.calls());
        hurried.close(); // a view closes nothing
        fake.options().latencyMs(0);
        assertFalse(await(client.listModels(ep)).isEmpty());
    }

    @Test
    void configModelAndValidationErrorsAreBadRequestWithoutEchoingTheBody() {
        String cfgId = await(client.listModels(ep)).get(0).id();
        LiteLLMException config = failure(client.patchModel(ep, cfgId, new JsonObject()));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, config.kind());
        JsonObject invalid = deployment("bad");
        invalid.remove("model_name");
        LiteLLMException e = failure(client.createModel(ep, invalid));
        assertEquals(LiteLLMException.Kind.BAD_REQUEST, e.kind());
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("body.model_name: Field required"), e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void noDbIsNoModelStoreAndInjectedFailuresAreServerErrors() {
        fake.options().dbConnected(false);
        LiteLLMException noDb = failure(client.createModel(ep, deployment("x")));
        assertEquals(LiteLLMException.Kind.NO_MODEL_STORE, noDb.kind());
        assertTrue(noDb.getMessage().contains("No DB Connected"), noDb.getMessage());
        fake.options().dbConnected(true).failureFraction(1.0).failureStatus(500);
        LiteLLMException injected = failure(client.listModels(ep));
        assertEquals(LiteLLMException.Kind.SERVER_ERROR, injected.kind());
        assertEquals(500, injected.status());
        assertTrue(injected.getMessage().contains("Injected failure"), injected.getMessage());
    }

    @Test
    void aListOfTwentyThousandModelsIsDecodedAsItStreams() {
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            fake.putModelDirectly(deployment(String.format("bulk-%05d", i)));
        }
        // The fake builds the 20k-entry body in one piece; give a loaded 2-core machine time for that.
        LiteLLMClient patient =
            LiteLLMClient.create(vertx, new LiteLLMClientOptions().requestTimeout(Duration.ofMinutes(2)));
        List<LiteLLMModel> all;
        try {
            long started = System.nanoTime();
            all = await(patient.listModels(ep));
            System.out.printf("listed %d models in %d ms%n", all.size(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            patient.close();
        }
        assertEquals(n + 1, all.size());
        assertEquals("cfg", all.get(0).modelName());
        for (int i = 0; i < n; i++) {
            LiteLLMModel m = all.get(i + 1);
            assertEquals(String.format("bulk-%05d", i), m.id());
            assertEquals("gpt-4o", m.modelName());
            assertEquals("azure/gpt-4o", m.litellmParams().getString("model"));
            assertEquals(60, m.litellmParams().getInteger("rpm"));
            assertFalse(m.litellmParams().containsKey("api_key"));
            assertTrue(m.isDbModel());
        }
    }

    @Test
    void olderProxiesAnsweringNullToACreateMeanDuplicate() {
        HttpServer nullServer = await(vertx.createHttpServer()
            .requestHandler(r -> r.response().putHeader("content-type", "application/json").end("null"))
            .listen(0, "127.0.0.1"));
        try {
            LiteLLMEndpoint old = new LiteLLMEndpoint("http://127.0.0.1:" + nullServer.actualPort(), MASTER);
            assertEquals(LiteLLMException.Kind.DUPLICATE_ID, failure(client.createModel(old, deployment("x"))).kind());
            assertEquals(LiteLLMException.Kind.SERVER_ERROR, failure(client.listModels(old)).kind());
        } finally {
            await(nullServer.close());
        }
    }
}
