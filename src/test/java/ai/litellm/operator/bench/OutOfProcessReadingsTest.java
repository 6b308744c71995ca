package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the bench reads from a separate operator JVM: Prometheus text and the unified GC log. */
class OutOfProcessReadingsTest {

  @Test
  void prometheusTextIsSummedByLabel() {
    PrometheusText t = PrometheusText.parse("""
        # HELP litellm_operator_kubernetes_requests_total Kubernetes API requests
        # TYPE litellm_operator_kubernetes_requests_total counter
        litellm_operator_kubernetes_requests_total{code="200",verb="patch"} 20.0
        litellm_operator_kubernetes_requests_total{code="422",verb="patch",} 2.0
        litellm_operator_kubernetes_requests_total{code="200",verb="get"} 3.0
        litellm_operator_managed_resources{condition="Ready",kind="Model",status="True"} 1.0E4
        litellm_operator_managed_resources{condition="Ready",kind="Model",status="False"} 7.0
        odd_label{path="/a\\"b",x="1"} 5
        bucket{le="+Inf"} +Inf
        not_a_number{} NaN
        garbage{x="1"} twelve
        up\t1
        """);
    assertEquals(Map.of("patch", 22L, "get", 3L), t.sumBy("litellm_operator_kubernetes_requests_total", "verb"));
    assertEquals(10_000.0, t.sum("litellm_operator_managed_resources",
        l -> "Ready".equals(l.get("condition")) && "True".equals(l.get("status"))));
    assertEquals(5.0, t.sum("odd_label", l -> "/a\"b".equals(l.get("path")) && "1".equals(l.get("x"))));
    assertEquals(1.0, t.sum("up", l -> true));
    assertEquals(Double.POSITIVE_INFINITY, t.sum("bucket", l -> "+Inf".equals(l.get("le"))));
    assertEquals(0.0, t.sum("garbage", l -> true), "an unparseable value is skipped, not fatal");
  }

  @Test
  void gcLogGivesPeakBeforeAndLastAfter() {
    GcLog log = GcLog.parse(List.of(
        "[0.012s][info][gc] Using G1",
        "[1.503s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(256M) 3.123ms",
        "[9.100s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 180M->61M(256M) 12.0ms",
        "[12.0s][info][gc] GC(2) Pause Full (System.gc()) 1G->512M(1G) 100.0ms",
        "[13.0s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 600M->70M(1G) 10.0ms"));
    assertEquals(4, log.collections());
    assertEquals(1024, log.peakBeforeMib());
    assertEquals(70, log.lastAfterMib());
    assertEquals(0, GcLog.parse(List.of("[0.012s][info][gc] Using G1")).collections());
  }

  @Test
  void threadsAreGroupedByWhatTheyDo() {
    // Linux keeps 15 characters of a thread name in /proc/<pid>/task/<tid>/comm.
    assertEquals("jit", ThreadCpu.group("C2 CompilerThre"));
    assertEquals("jit", ThreadCpu.group("C1 CompilerThre"));
    assertEquals("gc", ThreadCpu.group("GC Thread#1"));
    assertEquals("gc", ThreadCpu.group("G1 Conc#0"));
    assertEquals("event_loops", ThreadCpu.group("vert.x-eventloo"));
    assertEquals("kube_bridge", ThreadCpu.group("kube-io-12"));
    assertEquals("other", ThreadCpu.group("main"));
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
      java.util.Map<String, Double> own = ThreadCpu.byGroup(ProcessHandle.current().pid());
      assertEquals(true, own.values().stream().mapToDouble(Double::doubleValue).sum() > 0, "this JVM used CPU: " + own);
    }
    assertEquals(java.util.Map.of("jit", 1.5, "gc", 0.25), ThreadCpu.minus(java.util.Map.of("jit", 2.0, "gc", 0.5),
        java.util.Map.of("jit", 0.5, "gc", 0.25)));
  }
}
