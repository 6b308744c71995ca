package ai.litellm.operator.cli;

import ai.litellm.operator.config.OperatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The operator's settings as flags; each also reads a LITELLM_OPERATOR_* environment variable (the flag wins).
 * docs/configuration.md is the reference; keep the two in step.
 */
public final class OperatorOptions {
  @Option(names = "--namespaces", split = ",", defaultValue = "${env:LITELLM_OPERATOR_NAMESPACES:-}",
      description = "Namespaces to watch, comma separated (default: all). Env: LITELLM_OPERATOR_NAMESPACES.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--operator-namespace", defaultValue = "${env:LITELLM_OPERATOR_NAMESPACE:-${env:POD_NAMESPACE:-default}}",
      description = "The operator's own namespace (leases). Env: LITELLM_OPERATOR_NAMESPACE or POD_NAMESPACE.")
  String operatorNamespace;

  @Option(names = "--identity", defaultValue = "${env:POD_NAME:-${env:HOSTNAME:-litellm-operator}}",
      description = "This replica's identity in leases and logs. Env: POD_NAME.")
  String identity;

  @Option(names = "--partitions", defaultValue = "${env:LITELLM_OPERATOR_PARTITIONS:-16}",
      description = "Partitions of the model topic. Env: LITELLM_OPERATOR_PARTITIONS.")
  int partitions;

  @Option(names = "--model-concurrency", defaultValue = "${env:LITELLM_OPERATOR_MODEL_CONCURRENCY:-256}",
      description = "Model reconciles in flight at once (async: not threads). Env: LITELLM_OPERATOR_MODEL_CONCURRENCY.")
  int modelConcurrency;

  @Option(names = "--instance-concurrency", defaultValue = "${env:LITELLM_OPERATOR_INSTANCE_CONCURRENCY:-8}",
      description = "LiteLLMInstance reconciles in flight. Env: LITELLM_OPERATOR_INSTANCE_CONCURRENCY.")
  int instanceConcurrency;

  @Option(names = "--resync-period", defaultValue = "${env:LITELLM_OPERATOR_RESYNC_PERIOD:-10m}",
      converter = DurationConverter.class, description = "Informer resync period. Env: LITELLM_OPERATOR_RESYNC_PERIOD.")
  Duration resyncPeriod;

  @Option(names = "--drift-interval", defaultValue = "${env:LITELLM_OPERATOR_DRIFT_INTERVAL:-3m}",
      converter = DurationConverter.class,
      description = "How often each proxy's model list is checked for drift. Env: LITELLM_OPERATOR_DRIFT_INTERVAL.")
  Duration driftInterval;

  @Option(names = "--secret-cache-ttl", defaultValue = "${env:LITELLM_OPERATOR_SECRET_CACHE_TTL:-60s}",
      converter = DurationConverter.class,
      description = "How long a read Secret is reused. Env: LITELLM_OPERATOR_SECRET_CACHE_TTL.")
  Duration secretCacheTtl;

  @Option(names = "--backoff-base", defaultValue = "${env:LITELLM_OPERATOR_BACKOFF_BASE:-200ms}",
      converter = DurationConverter.class, description = "First retry delay. Env: LITELLM_OPERATOR_BACKOFF_BASE.")
  Duration backoffBase;

  @Option(names = "--backoff-cap", defaultValue = "${env:LITELLM_OPERATOR_BACKOFF_CAP:-5m}",
      converter = DurationConverter.class, description = "Longest retry delay. Env: LITELLM_OPERATOR_BACKOFF_CAP.")
  Duration backoffCap;

  @Option(names = "--kube-write-qps", defaultValue = "${env:LITELLM_OPERATOR_KUBE_WRITE_QPS:-500}",
      description = "Kubernetes writes per second. Env: LITELLM_OPERATOR_KUBE_WRITE_QPS.")
  double kubeWriteQps;

  @Option(names = "--kube-write-burst", defaultValue = "${env:LITELLM_OPERATOR_KUBE_WRITE_BURST:-1000}",
      description = "Kubernetes write burst. Env: LITELLM_OPERATOR_KUBE_WRITE_BURST.")
  int kubeWriteBurst;

  @Option(names = "--kube-threads", defaultValue = "${env:LITELLM_OPERATOR_KUBE_THREADS:-32}",
      description = "Threads for blocking Kubernetes calls (reads, server-side apply, Events); status and finalizer "
          + "patches are asynchronous and hold none. Env: LITELLM_OPERATOR_KUBE_THREADS.")
  int kubeThreads;

  @Option(names = "--litellm-rps", defaultValue = "${env:LITELLM_OPERATOR_LITELLM_RPS:-50}",
      description = "Highest request rate per LiteLLM proxy (lowered on 429/503). Env: LITELLM_OPERATOR_LITELLM_RPS.")
  double litellmRps;

  @Option(names = "--litellm-burst", defaultValue = "${env:LITELLM_OPERATOR_LITELLM_BURST:-100}",
      description = "Request burst per LiteLLM proxy. Env: LITELLM_OPERATOR_LITELLM_BURST.")
  int litellmBurst;

  @Option(names = "--litellm-max-in-flight", defaultValue = "${env:LITELLM_OPERATOR_LITELLM_MAX_IN_FLIGHT:-32}",
      description = "Concurrent requests per LiteLLM proxy. Env: LITELLM_OPERATOR_LITELLM_MAX_IN_FLIGHT.")
  int litellmMaxInFlight;

  @Option(names = "--litellm-timeout", defaultValue = "${env:LITELLM_OPERATOR_LITELLM_TIMEOUT:-30s}",
      converter = DurationConverter.class,
      description = "Timeout of one LiteLLM request. Env: LITELLM_OPERATOR_LITELLM_TIMEOUT.")
  Duration litellmTimeout;

  @Option(names = "--management-port", defaultValue = "${env:LITELLM_OPERATOR_MANAGEMENT_PORT:-8080}",
      description = "Port of /metrics, /healthz, /readyz (0: any free port). Env: LITELLM_OPERATOR_MANAGEMENT_PORT.")
  int managementPort;

  @Option(names = "--gateway-parent-name", defaultValue = "${env:LITELLM_OPERATOR_GATEWAY_PARENT_NAME:-}",
      description = "Gateway that HTTPRoutes attach to. Env: LITELLM_OPERATOR_GATEWAY_PARENT_NAME.")
  String gatewayParentName;

  @Option(names = "--gateway-parent-namespace", defaultValue = "${env:LITELLM_OPERATOR_GATEWAY_PARENT_NAMESPACE:-}",
      description = "Namespace of that Gateway (default: the route's). Env: LITELLM_OPERATOR_GATEWAY_PARENT_NAMESPACE.")
  String gatewayParentNamespace;

  @Option(names = "--gateway-parent-section", defaultValue = "${env:LITELLM_OPERATOR_GATEWAY_PARENT_SECTION:-}",
      description = "Listener (sectionName) of that Gateway. Env: LITELLM_OPERATOR_GATEWAY_PARENT_SECTION.")
  String gatewayParentSection;

  @Option(names = "--ingress-class", defaultValue = "${env:LITELLM_OPERATOR_INGRESS_CLASS:-}",
      description = "IngressClass of created Ingresses (default: the cluster's). Env: LITELLM_OPERATOR_INGRESS_CLASS.")
  String ingressClass;

  @Option(names = "--leader-elect", defaultValue = "${env:LITELLM_OPERATOR_LEADER_ELECT:-false}",
      description = "Run only while holding the leader Lease (warm stand-by). Env: LITELLM_OPERATOR_LEADER_ELECT.")
  boolean leaderElect;

  @Option(names = "--sharding", defaultValue = "${env:LITELLM_OPERATOR_SHARDING:-none}",
      description = "Namespace sharding: none, ring (Lease membership, consistent hashing) or static. "
          + "Env: LITELLM_OPERATOR_SHARDING.")
  String sharding;

  @Option(names = "--shard-index", defaultValue = "${env:LITELLM_OPERATOR_SHARD_INDEX:-0}",
      description = "Static sharding: this replica's index. Env: LITELLM_OPERATOR_SHARD_INDEX.")
  int shardIndex;

  @Option(names = "--shard-count", defaultValue = "${env:LITELLM_OPERATOR_SHARD_COUNT:-1}",
      description = "Static sharding: number of replicas. Env: LITELLM_OPERATOR_SHARD_COUNT.")
  int shardCount;

  @Option(names = "--allow-cross-namespace-refs",
      defaultValue = "${env:LITELLM_OPERATOR_ALLOW_CROSS_NAMESPACE_REFS:-false}",
      description = "Let Models reference Secrets and LiteLLMInstances in other namespaces (off: a Model can only use "
          + "what its own namespace holds). Env: LITELLM_OPERATOR_ALLOW_CROSS_NAMESPACE_REFS.")
  boolean allowCrossNamespaceRefs;

  @Option(names = "--virtual-nodes", defaultValue = "${env:LITELLM_OPERATOR_VIRTUAL_NODES:-100}",
      description = "Ring sharding: points per replica on the hash ring. Env: LITELLM_OPERATOR_VIRTUAL_NODES.")
  int virtualNodes;

  @Option(names = "--lease-name", defaultValue = "${env:LITELLM_OPERATOR_LEASE_NAME:-litellm-operator}",
      description = "Leader Lease name, and prefix of the shard member and claim Leases. Env: LITELLM_OPERATOR_LEASE_NAME.")
  String leaseName;

  @Option(names = "--lease-duration", defaultValue = "${env:LITELLM_OPERATOR_LEASE_DURATION:-15s}",
      converter = DurationConverter.class,
      description = "How long others wait after a replica's last renewal before taking over. Env: LITELLM_OPERATOR_LEASE_DURATION.")
  Duration leaseDuration;

  @Option(names = "--renew-deadline", defaultValue = "${env:LITELLM_OPERATOR_RENEW_DEADLINE:-10s}",
      converter = DurationConverter.class,
      description = "A replica that could not renew for this long stops all work (< lease duration). Env: LITELLM_OPERATOR_RENEW_DEADLINE.")
  Duration renewDeadline;

  @Option(names = "--retry-period", defaultValue = "${env:LITELLM_OPERATOR_RETRY_PERIOD:-2s}",
      converter = DurationConverter.class,
      description = "Interval between lease renewals and ring re-evaluations. Env: LITELLM_OPERATOR_RETRY_PERIOD.")
  Duration retryPeriod;

  @Option(names = "--shard-drain-timeout", defaultValue = "${env:LITELLM_OPERATOR_SHARD_DRAIN_TIMEOUT:-30s}",
      converter = DurationConverter.class,
      description = "Longest wait for a namespace's running reconciles when handing it over. Env: LITELLM_OPERATOR_SHARD_DRAIN_TIMEOUT.")
  Duration shardDrainTimeout;

  /** The settings as a config object. */
  public OperatorConfig toConfig() {
    OperatorConfig c = new OperatorConfig();
    c.namespaces = namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    c.operatorNamespace = operatorNamespace;
    c.identity = identity;
    c.partitions = partitions;
    c.modelConcurrency = modelConcurrency;
    c.instanceConcurrency = instanceConcurrency;
    c.resyncPeriod = resyncPeriod;
    c.driftInterval = driftInterval;
    c.secretCacheTtl = secretCacheTtl;
    c.backoffBase = backoffBase;
    c.backoffCap = backoffCap;
    c.kubeWriteQps = kubeWriteQps;
    c.kubeWriteBurst = kubeWriteBurst;
    c.kubeThreads = kubeThreads;
    c.litellmRps = litellmRps;
    c.litellmBurst = litellmBurst;
    c.litellmMaxInFlight = litellmMaxInFlight;
    c.litellmTimeout = litellmTimeout;
    c.managementPort = managementPort;
    c.gatewayParentName = gatewayParentName;
    c.gatewayParentNamespace = gatewayParentNamespace;
    c.gatewayParentSectionName = gatewayParentSection;
    c.ingressClassName = ingressClass;
    c.leaderElection = leaderElect;
    c.shardingMode = sharding;
    c.shardIndex = shardIndex;
    c.shardCount = shardCount;
    c.allowCrossNamespaceRefs = allowCrossNamespaceRefs;
    c.virtualNodes = virtualNodes;
    c.leaseName = leaseName;
    c.leaseDuration = leaseDuration;
    c.renewDeadline = renewDeadline;
    c.retryPeriod = retryPeriod;
    c.shardDrainTimeout = shardDrainTimeout;
    return c;
  }
}
