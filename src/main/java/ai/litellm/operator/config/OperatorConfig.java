package ai.litellm.operator.config;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the operator with its default. The command line (OperatorOptions) fills it from flags and
 * LITELLM_OPERATOR_* environment variables; tests and the sandbox set fields directly. docs/configuration.md lists them.
 */
public final class OperatorConfig {
  /** Namespaces to watch; empty = all. */
  public List<String> namespaces = List.of();
  /** The operator's own namespace (leases live here). */
  public String operatorNamespace = "default";
  /** This replica's identity in leases and logs. */
  public String identity = "litellm-operator";

  public int partitions = 16;
  public int modelConcurrency = 256;
  public int instanceConcurrency = 8;
  public Duration backoffBase = Duration.ofMillis(200);
  public Duration backoffCap = Duration.ofMinutes(5);
  /** Informer resync: every object is looked at again this often (cheap: no writes when nothing changed). */
  public Duration resyncPeriod = Duration.ofMinutes(10);
  /** How often each LiteLLM proxy's model list is read to find drift (one call per proxy). */
  public Duration driftInterval = Duration.ofMinutes(3);
  /** A model missing from a proxy's list is only re-created when its last sync is older than this (replicas lag). */
  public Duration consistencyGrace = Duration.ofSeconds(60);
  /** How long a read Secret is reused; a rotated Secret reaches LiteLLM within this plus one resync/drift pass. */
  public Duration secretCacheTtl = Duration.ofSeconds(60);

  /**
   * Whether a Model may reference Secrets and LiteLLMInstances in other namespaces (modelSecretRef.namespace,
   * connectionRef.*.namespace). Off by default: the operator reads Secrets cluster-wide, so allowing it lets anyone
   * who can create a Model in one namespace use credentials of another (confused deputy).
   */
  public boolean allowCrossNamespaceRefs = false;

  public double kubeWriteQps = 500;
  public int kubeWriteBurst = 1000;
  public int kubeThreads = 32;
  public int kubeMaxConcurrentRequests = 128;

  public double litellmRps = 50;
  public int litellmBurst = 100;
  public int litellmMaxInFlight = 32;
  public Duration litellmTimeout = Duration.ofSeconds(30);

  public String managementHost = "0.0.0.0";
  public int managementPort = 8080;

  public String gatewayParentName = "";
  public String gatewayParentNamespace = "";
  public String gatewayParentSectionName = "";
  public String ingressClassName = "";

  public boolean leaderElection = false;
  public String leaseName = "litellm-operator";
  public Duration leaseDuration = Duration.ofSeconds(15);
  public Duration renewDeadline = Duration.ofSeconds(10);
  public Duration retryPeriod = Duration.ofSeconds(2);

  /** Sharding by namespace: "none", "ring" (lease-based membership) or "static" (shardIndex of shardCount). */
  public String shardingMode = "none";
  public int shardIndex = 0;
  public int shardCount = 1;
  public int virtualNodes = 100;
  /** How long a namespace being handed over may take to finish its running reconciles before the hand-over waits. */
  public Duration shardDrainTimeout = Duration.ofSeconds(30);
  /** Namespaces acquired or released at the same time by one replica (each starts or stops a set of informers). */
  public int shardMaxParallelHandoffs = 16;

  /** Label namespaces in metrics (off by default: namespaces are unbounded). */
  public boolean metricsNamespaceLabel = false;

  public OperatorConfig copy() {
    OperatorConfig c = new OperatorConfig();
    for (var f : OperatorConfig.class.getFields()) {
      try {
        f.set(c, f.get(this));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return c;
  }
}
