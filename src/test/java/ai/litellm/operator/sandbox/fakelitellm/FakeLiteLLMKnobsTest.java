package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure-mode knobs: latency (asynchronous), 429, random 5xx, outage, refused connections, lag, lost creates. */
class FakeLiteLLMKnobsTest extends FakeLiteLLMTestBase {

    @Override
    FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
        return defaults.replicas(2);
    }

    @Test
    void latencyIsAppliedWithTimersSoConcurrentCallsOverlap() {
        fake.options().latencyMs(500);
        long start = System.nanoTime();
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(req(HttpMethod.GET, "/model/info").send());
        }
        await(Future.all(calls));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        calls.forEach(c -> assertEquals(200, c.result().statusCode()));
        assertTrue(elapsedMs >= 500, "latency applied: " + elapsedMs);
        // Serial handling would take 25 s; a generous bound keeps this stable on a loaded 2-core machine.
        assertTrue(elapsedMs < 12_000, "calls overlapped: " + elapsedMs);
    }

    @Test
    void aboveTheRateAnswers429WithRetryAfter() {
        fake.options().rateLimitPerSecond(3);
        List<HttpResponse<Buffer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(get("/model/info"));
        }
        List<HttpResponse<Buffer>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertTrue(limited.size() >= 3, "some calls limited: " + limited.size());
        for (HttpResponse<Buffer> r : limited) {
            assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1);
            assertEquals("429", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
        }
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200));
        assertEquals(200, await(http.getAbs(fake.baseUrl() + "/health/liveliness").send()).statusCode(),
            "probes are not rate limited");
        fake.options().rateLimitPerSecond(0);
        assertEquals(200, get("/model/info").statusCode());
    }

    @Test
    void failureFractionFailsAboutThatShareWithoutChangingState() {
        fake.options().failureFraction(0.5).failureStatus(503);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            int status = get("/model/info").statusCode();
            assertTrue(status == 200 || status == 503, "status " + status);
            failed += status == 503 ? 1 : 0;
        }
        assertTrue(failed > 60 && failed < 140, "about half failed: " + failed);
        fake.options().failureFraction(1.0).failureStatus(500);
        assertEquals(500, post("/model/new", deployment("never")).statusCode());
        assertTrue(fake.models().isEmpty());
    }

    @Test
    void sameSeedGivesTheSameFailurePattern() {
        fake.options().failureFraction(0.3);
        fake.reseedFailures(7);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(get("/model/info").statusCode());
        }
        fake.reseedFailures(7);
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            second.add(get("/model/info").statusCode());
        }
        assertEquals(first, second);
        assertTrue(first.contains(500) && first.contains(200));
    }

    @Test
    void downModeAnswers503EverywhereUntilFlippedBack() {
        fake.options().down(true);
        assertEquals(503, get("/model/info").statusCode());
        assertEquals(503, await(http.getAbs(fake.baseUrl() + "/health/readiness").send()).statusCode());
        fake.options().down(false);
        assertEquals(200, get("/model/info").statusCode());
    }

    @Test
    void stoppedServerRefusesConnectionsAndRestartsOnTheSamePort() {
        post("/model/new", deployment("kept"));
        int port = fake.port();
        await(fake.stopServer());
        // A pooled keep-alive connection may be reused once before the client notices the close.
        Throwable first = awaitFailure(req(HttpMethod.GET, "/model/info").send());
        Throwable refused = first instanceof ConnectException ? first
            : awaitFailure(req(HttpMethod.GET, "/model/info").send());
        assertInstanceOf(ConnectException.class, refused);
        await(fake.restartServer());
        assertEquals(port, fake.port());
        assertEquals(200, get("/model/info?litellm_model_id=kept").statusCode());
    }

    @Test
    void replicasLagTheDbUntilTheyPoll() {
        fake.options().pollDelayMs(3_600_000);
        post("/model/new", deployment("lag")); // served by replica 0, which refreshes its own router
        assertEquals(400, get("/model/info?litellm_model_id=lag").statusCode(), "replica 1 has not polled");
        assertEquals(200, get("/model/info?litellm_model_id=lag").statusCode(), "replica 0 saw its own write");
        assertEquals(400, get("/model/info?litellm_model_id=lag").statusCode());
        fake.options().pollDelayMs(0);
        assertEquals(200, get("/model/info?litellm_model_id=lag").statusCode());
        assertEquals(200, get("/model/info?litellm_model_id=lag").statusCode());
    }

    @Test
    void outOfBandDbWritesAppearAfterThePoll() {
        fake.options().pollDelayMs(3_600_000);
        fake.putModelDirectly(deployment("oob"));
        assertEquals(400, get("/model/info?litellm_model_id=oob").statusCode());
        assertEquals(400, get("/model/info?litellm_model_id=oob").statusCode());
        fake.options().pollDelayMs(0);
        assertEquals(200, get("/model/info?litellm_model_id=oob").statusCode());
    }

    @Test
    void pollKeepsTheLastModelWhenTheDbBecomesEmpty() {
        post("/model/new", deployment("last")); // both replicas poll on every read (pollDelay 0)
        get("/model/info");
        get("/model/info");
        fake.deleteModelDirectly("last");
        // _delete_deployment returns early on an empty DB (issue #28443): the stale model stays in the routers.
        assertEquals(200, get("/model/info?litellm_model_id=last").statusCode());
        fake.putModelDirectly(deployment("other"));
        assertEquals(400, get("/model/info?litellm_model_id=last").statusCode());
    }

    @Test
    void lostCreateResponseResetsTheConnectionAfterCommitting() {
        fake.loseNextCreateResponse(FakeLiteLLMOptions.LostResponse.RESET_CONNECTION);
        Throwable t = awaitFailure(req(HttpMethod.POST, "/model/new").sendJsonObject(deployment("lost")));
        assertTrue(t.getMessage() != null, "transport failure: " + t);
        assertEquals("lost", fake.models().get(0).getString("model_id"));
        assertEquals(200, post("/model/new", deployment("next")).statusCode(), "only one response is lost");
        assertEquals(-1, fake.calls("/model/new").get(0).status());
    }

    @Test
    void lostCreateResponseAsBadGateway() {
        fake.loseNextCreateResponse(FakeLiteLLMOptions.LostResponse.BAD_GATEWAY);
        HttpResponse<Buffer> r = post("/model/new", deployment("gw"));
        assertEquals(502, r.statusCode());
        assertTrue(r.bodyAsString().contains("502 Bad Gateway"));
        assertEquals(1, fake.models().size());
        assertEquals(500, post("/model/new", deployment("gw")).statusCode(), "the retry hits the duplicate");
    }

    @Test
    void directlyPutModelsAreReadDecrypted() {
        JsonObject d = deployment("enc");
        fake.putModelDirectly(d);
        JsonObject read = get("/model/info?litellm_model_id=enc").bodyAsJsonObject()
            .getJsonArray("data").getJsonObject(0).getJsonObject("litellm_params");
        assertEquals("azure/gpt-4o-eu", read.getString("model"));
    }

    @Test
    void otherReplicasIgnoreARenameUntilParamsChange() {
        post("/model/new", deployment("ren")); // replica 0
        get("/model/info");                      // replica 1 loads it (pollDelay 0)
        patch("/model/ren/update", new JsonObject().put("model_name", "renamed")); // replica 0 reloads
        // Replica 1 polls but upsert compares only litellm_params (issue #14165): it keeps the old name.
        String seenBy1 = get("/model/info?litellm_model_id=ren").bodyAsJsonObject().getJsonArray("data")
            .getJsonObject(0).getString("model_name");
        String seenBy0 = get("/model/info?litellm_model_id=ren").bodyAsJsonObject().getJsonArray("data")
            .getJsonObject(0).getString("model_name");
        assertEquals("gpt-4o", seenBy1);
        assertEquals("renamed", seenBy0);
        patch("/model/ren/update", new JsonObject().put("litellm_params", new JsonObject().put("rpm", 1)));
        get("/model/info"); // replica 0 after the second patch; next read is replica 1
        assertEquals("renamed", get("/model/info?litellm_model_id=ren").bodyAsJsonObject().getJsonArray("data")
            .getJsonObject(0).getString("model_name"));
    }

    @Test
    void createErrorsCanEchoTheRequestAsAPythonReprLikeAddNewModel() {
        fake.options().createErrorsEchoRequest(true);
        JsonObject d = deployment("echo");
        d.getJsonObject("litellm_params").put("vertex_credentials", "{\"private_key\": \"-----BEGIN\\nAB\"}");
        HttpResponse<Buffer> r = post("/model/new", d);
        assertEquals(400, r.statusCode());
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertEquals("auth_error", error.getString("type"));
        assertEquals("None", error.getString("param"));
        assertEquals("400", error.getString("code"));
        String message = error.getString("message");
        assertTrue(message.startsWith("Authentication Error, Unable to add deployment={'model_name': 'gpt-4o', "
            + "'litellm_params': {'model': 'azure/gpt-4o-eu', "), message);
        // repr doubles the backslash of the JSON escape inside the credentials string
        assertTrue(message.contains("'vertex_credentials': '{\"private_key\": \"-----BEGIN\\\\nAB\"}'"), message);
        assertTrue(message.contains("'api_key': 'sk-provider-secret-value'"), "LiteLLM echoes secrets in clear");
        assertTrue(message.contains("'rpm': 600"), message);
        assertTrue(fake.models().isEmpty());
        fake.options().createErrorsEchoRequest(false);
        assertEquals(200, post("/model/new", d).statusCode());
    }
}
