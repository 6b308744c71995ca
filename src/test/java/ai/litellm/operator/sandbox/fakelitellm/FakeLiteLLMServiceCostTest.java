package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static ai.litellm.operator.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost model ({@link ServiceCost}): a worker serves one request at a time, so concurrency buys no throughput
 * beyond the workers; a write's service time grows with the models held; reads wait behind writes; the capacity can
 * change while the proxy runs. Only lower bounds on time are asserted (a loaded machine is only ever slower).
 */
class FakeLiteLLMServiceCostTest extends FakeLiteLLMTestBase {

    private long createAll(int from, int n) {
        long start = System.nanoTime();
        List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            all.add(req(HttpMethod.POST, "/model/new").sendJsonObject(deployment("m-" + i)));
        }
        await(Future.all(all));
        all.forEach(f -> assertEquals(200, f.result().statusCode()));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void writesAreSerialisedPerWorkerWhateverTheConcurrency() {
        fake.options().writeServiceMs(20);
        long oneWorker = createAll(0, 20);
        assertTrue(oneWorker >= 20 * 20 - 5, "20 concurrent writes at 20 ms on one worker take >= 400 ms: " + oneWorker);
        fake.options().serviceWorkers(4);
        long fourWorkers = createAll(20, 20);
        assertTrue(fourWorkers >= 5 * 20 - 5, "four workers: >= 100 ms, took " + fourWorkers);
        assertEquals(40, fake.modelCount());
    }

    @Test
    void aWriteCostsMoreTheMoreModelsTheProxyHoldsAndReadsWaitBehindIt() {
        for (int i = 0; i < 200; i++) {
            fake.putModelDirectly(deployment("held-" + i));
        }
        fake.options().writeServiceMs(5).writeServicePerModelMs(1).readServiceMs(1);
        long start = System.nanoTime();
        Future<HttpResponse<Buffer>> write = req(HttpMethod.POST, "/model/new").sendJsonObject(deployment("new"));
        Future<HttpResponse<Buffer>> read = req(HttpMethod.GET, "/model/info?litellm_model_id=held-1").send();
        assertEquals(200, await(read).statusCode());
        long readMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, await(write).statusCode());
        assertTrue(readMs >= 5 + 200 - 5, "the read waited for the write's reload of 200 models: " + readMs + " ms");
        long patchStart = System.nanoTime();
        assertEquals(200, patch("/model/new/update", new JsonObject().put("litellm_params",
            new JsonObject().put("rpm", 1))).statusCode());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - patchStart) >= 5 + 201 - 5, "a PATCH reloads too");
    }

    @Test
    void theCapacityCanChangeWhileTheProxyRuns() {
        fake.options().writeServiceMs(10);
        long fast = createAll(0, 20);
        fake.options().writeServiceMs(20);
        long slow = createAll(20, 20);
        assertTrue(fast >= 200 - 5 && slow >= 400 - 5, "10 ms then 20 ms per write: " + fast + " ms, " + slow + " ms");
    }

    @Test
    void offByDefault() {
        FakeLiteLLMOptions defaults = new FakeLiteLLMOptions();
        assertEquals(0.0, defaults.writeServiceMs() + defaults.writeServicePerModelMs() + defaults.readServiceMs()
            + defaults.listServicePerModelMs());
        assertEquals(1, defaults.serviceWorkers());
    }
}
