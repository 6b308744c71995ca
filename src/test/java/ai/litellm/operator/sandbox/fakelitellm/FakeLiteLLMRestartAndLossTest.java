package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault-matrix knobs: a seeded fraction of write answers lost after the commit, and a restart on an empty DB. */
class FakeLiteLLMRestartAndLossTest extends FakeLiteLLMTestBase {

    @Override
    FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
        return defaults.replicas(2);
    }

    @Test
    void aFractionOfWritesCommitsAndLosesTheAnswer() {
        fake.options().lostWriteFraction(0.3).lostWriteKind(FakeLiteLLMOptions.LostResponse.BAD_GATEWAY);
        int lost = 0;
        for (int i = 0; i < 40; i++) {
            int status = post("/model/new", deployment("m-" + i)).statusCode();
            assertTrue(status == 200 || status == 502, "status " + status);
            lost += status == 502 ? 1 : 0;
        }
        assertEquals(40, fake.modelCount(), "every write committed, lost answer or not");
        assertTrue(lost > 3 && lost < 25, "about 30% lost: " + lost);
        int lostPatches = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<Buffer> r = patch("/model/m-" + i + "/update",
                new JsonObject().put("litellm_params", new JsonObject().put("rpm", 7)));
            lostPatches += r.statusCode() == 502 ? 1 : 0;
        }
        assertTrue(lostPatches > 3 && lostPatches < 25, "patches lose answers too: " + lostPatches);
        assertTrue(fake.models().stream().allMatch(m -> m.getJsonObject("litellm_params").getInteger("rpm") == 7),
            "every PATCH was applied");
        fake.options().lostWriteFraction(0);
        assertEquals(200, post("/model/new", deployment("after")).statusCode());
    }

    @Test
    void lostDeletesAreAppliedAndResetTheConnection() {
        for (int i = 0; i < 20; i++) {
            post("/model/new", deployment("d-" + i));
        }
        fake.options().lostWriteFraction(1.0);
        Throwable t = awaitFailure(req(HttpMethod.POST, "/model/delete")
            .sendJsonObject(new JsonObject().put("id", "d-0")));
        assertTrue(t.getMessage() != null, "transport failure: " + t);
        assertEquals(19, fake.modelCount(), "the delete was applied");
    }

    @Test
    void theSameSeedLosesTheSameWrites() {
        Set<Integer> first = lostIndexes(7L, "a");
        Set<Integer> second = lostIndexes(7L, "b");
        assertEquals(first, second);
    }

    private Set<Integer> lostIndexes(long seed, String prefix) {
        fake.reseedFailures(seed);
        fake.options().lostWriteFraction(0.2).lostWriteKind(FakeLiteLLMOptions.LostResponse.BAD_GATEWAY);
        Set<Integer> lost = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            if (post("/model/new", deployment(prefix + i)).statusCode() == 502) {
                lost.add(i);
            }
        }
        return lost;
    }

    @Test
    void aRestartOnAnEmptyDatabaseForgetsEveryModel() {
        for (int i = 0; i < 5; i++) {
            post("/model/new", deployment("r-" + i));
        }
        get("/model/info"); // both router views load the models
        get("/model/info");
        await(fake.stopServer());
        fake.forgetAllModels();
        await(fake.restartServer());
        // The client's pooled keep-alive connections died with the old server; a real client reconnects too.
        http.close();
        http = io.vertx.ext.web.client.WebClient.create(vertx);
        assertEquals(0, fake.modelCount());
        for (int replica = 0; replica < 2; replica++) {
            assertEquals(0, get("/model/info").bodyAsJsonObject().getJsonArray("data").size(),
                "no router view keeps a model of the old database");
            assertEquals(400, get("/model/info?litellm_model_id=r-0").statusCode());
        }
        assertEquals(200, post("/model/new", deployment("r-0")).statusCode(), "the old id can be created again");
    }
}
