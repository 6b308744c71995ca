package ai.litellm.operator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one {@code bench models} run does.
 *
 * @param models             Models in the fleet
 * @param namespaces         namespaces, each with one LiteLLMInstance (so one fake proxy each); Models spread evenly
 * @param litellmLatencyMs   added latency of every fake proxy call
 * @param litellmRps         the operator's per-proxy LiteLLM rate limit (its {@code --litellm-rps})
 * @param litellmMaxInFlight the operator's per-proxy concurrent-call cap (its {@code --litellm-max-in-flight})
 * @param fakeRateLimit      the fake proxies answer 429 above this many calls per second; 0 = never
 * @param kubeWriteQps       the operator's Kubernetes write rate limit (its {@code --kube-write-qps})
 * @param workers            threads of the bench's own creates and of the bare loader; the operator's
 *                           {@code kubeThreads} is set to the same value ("same concurrency")
 * @param apiServer          which API server to run against
 * @param kubeconfig         for {@link ApiServer#KUBECONFIG}
 * @param freshChanges       Models whose spec is changed during the resync flood, to time fresh changes
 * @param loader             whether to run the bare-loader phase
 * @param timeout            bound of each waiting phase; the run stops by itself when one is exceeded
 * @param replicas           operator replicas in this JVM; more than one shard the namespaces on a Lease ring (the
 *                           resync and restart phases drive one operator's event log and are skipped then)
 * @param operatorJvmArgs    when not null, the operator runs as a separate JVM with these options (the production
 *                           {@code run} command), so CPU, RSS and heap are the operator's own; see {@link OperatorJvm}
 */
public record ModelFleetOptions(int models, int namespaces, long litellmLatencyMs, double litellmRps,
    int litellmMaxInFlight, int fakeRateLimit, double kubeWriteQps, int workers, ApiServer apiServer, Path kubeconfig,
    int freshChanges, boolean loader, Duration timeout, int replicas, List<String> operatorJvmArgs) {

  public boolean operatorProcess() {
    return operatorJvmArgs != null;
  }

  /** Where the Models live. */
  public enum ApiServer {
    /** The fabric8 mock in this JVM; Models are preloaded into its store. */
    EMBEDDED,
    /** A real kube-apiserver v1.20.2 + etcd started for the run (separate processes). */
    REAL_CONTROL_PLANE,
    /** Any cluster given by a kubeconfig file. */
    KUBECONFIG
  }

  public ModelFleetOptions {
    if (models < 1 || namespaces < 1 || workers < 1 || replicas < 1) {
      throw new IllegalArgumentException("models, namespaces, workers and replicas must be >= 1");
    }
    if (namespaces > models) {
      throw new IllegalArgumentException("more namespaces (" + namespaces + ") than models (" + models + ")");
    }
    if (litellmLatencyMs < 0 || fakeRateLimit < 0 || freshChanges < 0) {
      throw new IllegalArgumentException("latency, fake rate limit and fresh changes must be >= 0");
    }
    if (operatorJvmArgs != null && (apiServer == ApiServer.EMBEDDED || replicas != 1)) {
      throw new IllegalArgumentException("a separate operator process needs a real API server (--real-control-plane "
          + "or --kubeconfig; the embedded one lives in this JVM) and one replica");
    }
    operatorJvmArgs = operatorJvmArgs == null ? null : List.copyOf(operatorJvmArgs);
    if (apiServer == ApiServer.KUBECONFIG && kubeconfig == null) {
      throw new IllegalArgumentException("a kubeconfig file is needed for ApiServer.KUBECONFIG");
    }
  }
}
