package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.realcluster.RealCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bench models --operator-process} on a real control plane: the operator runs as its own JVM (the production
 * {@code run} command) and its CPU, RSS, heap and Kubernetes requests are read from outside; a restarted operator
 * process writes nothing.
 */
@Tag(RealCluster.TAG)
class BenchOperatorProcessTest {

  @Test
  void separateOperatorProcessConvergesAndIsMeasuredAlone() {
    BenchRun run = BenchRun.of("bench", "models", "--models", "30", "--namespaces", "3", "--workers", "4",
        "--timeout", "2m", "--real-control-plane", "--operator-process",
        "--operator-jvm-args=-Xmx256m -XX:+ExitOnOutOfMemoryError", "--json");
    int code = run.exitCode();
    String out = run.output();
    String line = run.line();
    JsonObject r = run.json();

    assertEquals(0, code, out);
    assertTrue(r.getBoolean("operator_process"), line);
    assertEquals("-Xmx256m -XX:+ExitOnOutOfMemoryError", r.getString("operator_jvm_args"), line);
    assertEquals(30, r.getInteger("ready"), line);
    assertEquals(30, r.getInteger("in_litellm"), line);
    assertEquals(30L, r.getJsonObject("litellm_calls").getLong("POST /model/new"), line);
    // Read from the child's /metrics: its finalizer and status patches.
    assertTrue(r.getJsonObject("kubernetes_requests").getLong("patch", 0L) >= 60, line);
    // The child's own figures: a JVM that did the work uses CPU, and its heap stayed under its -Xmx.
    assertTrue(r.getDouble("operator_cpu_seconds") > 0, line);
    assertFalse(r.getBoolean("operator_cpu_includes_api_server"), line);
    assertTrue(r.getLong("peak_rss_mib") > 0, line);
    assertTrue(r.getLong("peak_heap_mib") > 0 && r.getLong("peak_heap_mib") <= 256, line);
    assertEquals(0L, r.getLong("restart_litellm_writes"), line);
    assertEquals(0L, r.getLong("restart_kubernetes_writes"), line);
    assertFalse(r.containsKey("resync_litellm_writes"), "no resync phase out of process: " + line);
    assertTrue(r.getDouble("loader_seconds") > 0, line);
  }
}
