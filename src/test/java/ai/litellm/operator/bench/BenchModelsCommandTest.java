package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench models --models 20 --json} on the embedded API server: a converged fleet and a free resync. */
class BenchModelsCommandTest {

  @Test
  void smallFleetConvergesAndResyncCostsNoWrites() {
    BenchRun run = BenchRun.of("bench", "models", "--models", "20", "--namespaces", "2", "--fresh-changes", "3",
        "--workers", "4", "--timeout", "40s", "--json");
    int code = run.exitCode();
    String out = run.output();
    String line = run.line();
    JsonObject r = run.json();

    assertEquals(0, code, out);
    for (String field : List.of("models", "ready", "converge_seconds", "litellm_calls", "kubernetes_requests",
        "litellm_429", "peak_heap_mib", "peak_rss_mib", "operator_cpu_seconds_per_1000", "resync_litellm_writes",
        "resync_kubernetes_writes", "resync_fresh_change_p99_ms", "restart_litellm_writes",
        "restart_kubernetes_writes", "loader_seconds", "converge_ratio")) {
      assertTrue(r.containsKey(field), "missing " + field + " in " + line);
    }
    assertEquals(20, r.getInteger("models"));
    assertEquals(r.getInteger("models"), r.getInteger("ready"));
    assertEquals(20, r.getInteger("in_litellm"));
    // Every Model was created in LiteLLM exactly once, and the operator wrote to Kubernetes.
    assertEquals(20L, r.getJsonObject("litellm_calls").getLong("POST /model/new"), line);
    assertTrue(r.getJsonObject("kubernetes_requests").getLong("patch", 0L) >= 20, line);
    assertEquals(0L, r.getLong("resync_litellm_writes"), line);
    assertEquals(0L, r.getLong("resync_kubernetes_writes"), line);
    assertEquals(2L, r.getLong("resync_litellm_list_calls"), "one drift list per proxy: " + line);
    assertEquals(0L, r.getLong("restart_litellm_writes"), line);
    assertEquals(0L, r.getLong("restart_kubernetes_writes"), line);
    assertEquals(3, r.getInteger("resync_fresh_changes"));
    assertTrue(r.getDouble("resync_fresh_change_p99_ms") > 0, line);
    assertTrue(r.getDouble("loader_seconds") > 0, line);
  }
}
