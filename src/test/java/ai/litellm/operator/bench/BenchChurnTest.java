package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.realcluster.RealCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory that only grows (issue #13 point 5), measured from the operator process: rounds of namespaces created and
 * deleted, each with its own Secrets, instance and Model, on a real control plane (namespace deletion and garbage
 * collection as in a cluster). The floor of the live heap after each round's full collection (the lowest of the last
 * half of the rounds against the lowest of the first half) grows by at most 10 %.
 * Before, every namespace a replica ever saw kept a user-Secret informer caching all its Secrets, every proxy URL kept a
 * limiter, every Secret read once stayed in the reader's cache and handed-off keys kept their drift marks.
 * The operator's own memory gauges must also be empty again once every namespace is gone: this part fails when a
 * namespace's user-Secret informer outlives its last instance or expired Secret reads are never swept.
 * The full-size run (docs/performance.md) is `bench churn --real-control-plane`.
 */
@Tag(RealCluster.TAG)
class BenchChurnTest {

  @Test
  void theOperatorForgetsEveryDeletedNamespace() {
    BenchRun run = BenchRun.of("bench", "churn", "--rounds", "4", "--per-round", "30", "--real-control-plane",
        "--operator-jvm-args=-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "--round-timeout", "5m", "--json");
    int code = run.exitCode();
    JsonObject r = run.json();
    JsonArray heap = r.getJsonArray("liveHeapMibAfterRound");
    assertEquals(4, heap.size(), run.output());
    assertTrue(heap.getLong(0) > 0, "the heap was measured: " + run.line());
    assertTrue(r.getDouble("growth") <= 0.10, "the live heap's floor grew by more than 10 %: " + run.line());
    assertEquals(new JsonObject(), r.getJsonObject("leftBehind"),
        "memories still holding entries for deleted namespaces: " + run.line());
    assertEquals(0, code, run.output());
  }
}
