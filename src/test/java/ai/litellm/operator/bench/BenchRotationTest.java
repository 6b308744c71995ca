package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.realcluster.RealCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bench rotation} at a small size on a real control plane, the operator as its own process with the default
 * resync period (10 min) and Secret cache TTL (60 s): every rotation must reach every Model in LiteLLM within the
 * bench's 45 s timeout per rotation (below the TTL, so only the Secret watch can do it), with one LiteLLM params
 * update (POST /model/update, no router reload) and one status patch per Model and rotation. The full-size run (docs/performance.md) is
 * {@code bench rotation --models 1000 --real-control-plane}.
 */
@Tag(RealCluster.TAG)
class BenchRotationTest {

  @Test
  void everyRotationReachesEveryModelThroughTheSecretWatch() {
    int models = 20;
    int rotations = 2;
    BenchRun run = BenchRun.of("bench", "rotation", "--models", Integer.toString(models), "--rotations",
        Integer.toString(rotations), "--real-control-plane", "--timeout", "45s", "--max-p99", "45s",
        "--operator-jvm-args=-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "--json");
    JsonObject r = run.json();
    assertEquals(0, run.exitCode(), run.output());
    assertEquals(models * rotations, r.getInteger("samples"), run.line());
    assertTrue(r.getDouble("p50_ms") > 0 && r.getDouble("p50_ms") <= r.getDouble("p99_ms"), run.line());
    JsonArray each = r.getJsonArray("rotations");
    assertEquals(rotations, each.size(), run.line());
    for (int i = 0; i < rotations; i++) {
      JsonObject x = each.getJsonObject(i);
      assertEquals((long) models, x.getJsonObject("litellm_calls").getLong("POST /model/update", 0L),
          "one params update per Model, no PATCH (a router reload each): " + run.line());
      assertEquals((long) models, x.getLong("litellm_writes"), "and no other write: " + run.line());
      assertEquals((long) models, x.getJsonObject("kubernetes_requests").getLong("patch", 0L),
          "one status patch per Model (the new payload hash): " + run.line());
    }
  }
}
