package ai.litellm.operator.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The figures of one {@code bench models} run; {@link #toJson()} is the command's output (one flat object).
 *
 * @param setup    what ran where
 * @param converge the fleet going from created to Ready and present in the fake proxies
 * @param resync   a full resync flood (every Model key) plus one drift pass on the converged fleet
 * @param restart  a new operator process on the same API server (its initial list) plus one drift pass
 * @param loader   the bare loader's time, or null when skipped
 * @param replicas how the fleet was spread over several replicas, or null with one
 */
public record ModelFleetResult(Setup setup, Converge converge, Resync resync, Restart restart, Double loaderSeconds,
    Replicas replicas) {

  public ModelFleetResult(Setup setup, Converge converge, Resync resync, Restart restart, Double loaderSeconds) {
    this(setup, converge, resync, restart, loaderSeconds, null);
  }

  /**
   * Several replicas in one JVM. Heap is the JVM's (shared by all replicas and the fake proxies, and the embedded API
   * server when used) divided by the replica count: an approximation of one replica's share, not a per-pod figure.
   *
   * @param namespaces namespaces reconciled per replica at the end of the converge phase
   * @param models     Models cached per replica at the end of the converge phase
   */
  public record Replicas(int count, List<Integer> namespaces, List<Integer> models, long peakHeapPerReplicaMib,
      long liveHeapPerReplicaMib) {
    /** max / mean: 1.0 is a perfect spread. */
    static double skew(List<Integer> perReplica) {
      double mean = perReplica.stream().mapToInt(Integer::intValue).average().orElse(0);
      int max = perReplica.stream().mapToInt(Integer::intValue).max().orElse(0);
      return mean == 0 ? 0 : max / mean;
    }
  }

  public record Setup(int models, int namespaces, String apiServer, String createdVia, long litellmLatencyMs,
      double litellmRps, int litellmMaxInFlight, int fakeRateLimit, double kubeWriteQps, int workers, int cpus,
      long maxHeapMib, String javaVersion, String operatorJvmArgs) {}

  /**
   * @param ready                 Models Ready in the operator's cache at the end
   * @param inLiteLLM             models stored in the fake proxies at the end
   * @param operatorCpuSeconds    process CPU minus the named non-operator threads (see CpuMeter)
   * @param operatorCpuByThreads  a separate operator process's CPU by thread group over the phase (JIT, GC, event
   *                              loops, ...); empty in process
   */
  public record Converge(int ready, int inLiteLLM, double seconds, Map<String, Long> litellmCalls, long litellm429,
      Map<String, Long> kubernetesRequests, double processCpuSeconds, double operatorCpuSeconds,
      boolean cpuIncludesApiServer, long peakHeapMib, long liveHeapMib, long peakRssMib,
      Map<String, Double> operatorCpuByThreads) {}

  public record Resync(double floodSeconds, long litellmWrites, long litellmListCalls, long kubernetesWrites,
      Map<String, Long> kubernetesRequests, int freshChanges, double freshChangeP50Ms, double freshChangeP99Ms) {}

  public record Restart(double seconds, long litellmWrites, long litellmListCalls, long kubernetesWrites) {}

  public boolean converged() {
    return converge.ready() == setup.models() && converge.inLiteLLM() == setup.models();
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("models", setup.models())
        .put("namespaces", setup.namespaces())
        .put("api_server", setup.apiServer())
        .put("created_via", setup.createdVia())
        .put("litellm_latency_ms", setup.litellmLatencyMs())
        .put("litellm_rps", setup.litellmRps())
        .put("litellm_max_in_flight", setup.litellmMaxInFlight())
        .put("fake_rate_limit", setup.fakeRateLimit())
        .put("kube_write_qps", setup.kubeWriteQps())
        .put("workers", setup.workers())
        .put("cpus", setup.cpus())
        .put("max_heap_mib", setup.maxHeapMib())
        .put("java", setup.javaVersion())
        .put("operator_process", setup.operatorJvmArgs() != null)
        .put("ready", converge.ready())
        .put("in_litellm", converge.inLiteLLM())
        .put("converge_seconds", round(converge.seconds()))
        .put("models_per_second", round(converge.seconds() > 0 ? setup.models() / converge.seconds() : 0))
        .put("litellm_calls", new JsonObject(Map.copyOf(converge.litellmCalls())))
        .put("litellm_429", converge.litellm429())
        .put("kubernetes_requests", new JsonObject(Map.copyOf(converge.kubernetesRequests())))
        .put("kubernetes_writes_per_model", round(
            KubeWrites.writes(converge.kubernetesRequests()) / (double) setup.models()))
        .put("process_cpu_seconds", round(converge.processCpuSeconds()))
        .put("operator_cpu_seconds", round(converge.operatorCpuSeconds()))
        .put("operator_cpu_seconds_per_1000", round(converge.operatorCpuSeconds() * 1000.0 / setup.models()))
        .put("operator_cpu_includes_api_server", converge.cpuIncludesApiServer())
        .put("operator_cpu_by_threads", new JsonObject(Map.copyOf(converge.operatorCpuByThreads())))
        .put("peak_heap_mib", converge.peakHeapMib())
        .put("live_heap_mib", converge.liveHeapMib())
        .put("peak_rss_mib", converge.peakRssMib());
    if (setup.operatorJvmArgs() != null) {
      j.put("operator_jvm_args", setup.operatorJvmArgs());
    }
    if (resync != null) {
      j.put("resync_seconds", round(resync.floodSeconds()))
          .put("resync_litellm_writes", resync.litellmWrites())
          .put("resync_litellm_list_calls", resync.litellmListCalls())
          .put("resync_kubernetes_writes", resync.kubernetesWrites())
          .put("resync_kubernetes_requests", new JsonObject(Map.copyOf(resync.kubernetesRequests())))
          .put("resync_fresh_changes", resync.freshChanges())
          .put("resync_fresh_change_p50_ms", round(resync.freshChangeP50Ms()))
          .put("resync_fresh_change_p99_ms", round(resync.freshChangeP99Ms()));
    }
    if (restart != null) {
      j.put("restart_seconds", round(restart.seconds()))
          .put("restart_litellm_writes", restart.litellmWrites())
          .put("restart_litellm_list_calls", restart.litellmListCalls())
          .put("restart_kubernetes_writes", restart.kubernetesWrites());
    }
    if (replicas != null) {
      j.put("replicas", replicas.count())
          .put("replica_namespaces", new io.vertx.core.json.JsonArray(replicas.namespaces()))
          .put("replica_models", new io.vertx.core.json.JsonArray(replicas.models()))
          .put("replica_namespace_skew", round(Replicas.skew(replicas.namespaces())))
          .put("replica_model_skew", round(Replicas.skew(replicas.models())))
          .put("peak_heap_per_replica_mib", replicas.peakHeapPerReplicaMib())
          .put("live_heap_per_replica_mib", replicas.liveHeapPerReplicaMib());
    }
    if (loaderSeconds != null) {
      j.put("loader_seconds", round(loaderSeconds))
          .put("converge_ratio", round(loaderSeconds > 0 ? converge.seconds() / loaderSeconds : 0));
    }
    return j;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
