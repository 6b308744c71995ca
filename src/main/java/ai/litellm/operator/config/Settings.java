package ai.litellm.operator.config;

import static ai.litellm.operator.config.SettingType.BOOLEAN;
import static ai.litellm.operator.config.SettingType.DURATION;
import static ai.litellm.operator.config.SettingType.INTEGER;
import static ai.litellm.operator.config.SettingType.LIST;
import static ai.litellm.operator.config.SettingType.NUMBER;
import static ai.litellm.operator.config.SettingType.TEXT;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's settings: the one place that says, for each, its flag, environment variables, type, default and
 * meaning. {@link OperatorConfig}'s defaults, the options of {@code run} and {@code sandbox} (cli/OperatorOptions) and
 * the table in docs/configuration.md ({@link ConfigReference}) are all made from this list.
 */
public final class Settings {
  private static final String P = "LITELLM_OPERATOR_";

  public static final List<Setting> ALL = List.of(
      flag("namespaces", "namespaces", env("NAMESPACES"), LIST, "",
          "Namespaces to watch, comma separated; empty: all."),
      flag("operatorNamespace", "operator-namespace", env("NAMESPACE", "POD_NAMESPACE"), TEXT, "default",
          "The operator's own namespace: its Leases live here."),
      flag("identity", "identity", env("IDENTITY", "POD_NAME", "HOSTNAME"), TEXT, "litellm-operator",
          "This replica's identity in Leases, logs and Events (reportingInstance)."),
      flag("installId", "install-id", env("INSTALL_ID"), TEXT, "",
          "This install's id in the ownership marker of every LiteLLM model it writes; empty: the uid of the "
              + "kube-system namespace and the operator's namespace. Installs sharing a proxy never touch each other's "
              + "models."),
      flag("partitions", "partitions", env("PARTITIONS"), INTEGER, "16",
          "Partitions of the Model topic (keys are ordered within a partition)."),
      flag("modelConcurrency", "model-concurrency", env("MODEL_CONCURRENCY"), INTEGER, "256",
          "Model reconciles in flight at once (asynchronous: not threads)."),
      flag("instanceConcurrency", "instance-concurrency", env("INSTANCE_CONCURRENCY"), INTEGER, "8",
          "LiteLLMInstance reconciles in flight at once."),
      flag("resyncPeriod", "resync-period", env("RESYNC_PERIOD"), DURATION, "10m",
          "Informer resync: every object is looked at again this often (no writes when nothing changed); a Model "
              + "parked by a permanent error is looked at again this often too."),
      flag("driftInterval", "drift-interval", env("DRIFT_INTERVAL"), DURATION, "3m",
          "How often each LiteLLM proxy's model list is read to find drift (one call per proxy)."),
      flag("unreachableAfterPasses", "unreachable-after-passes", env("UNREACHABLE_AFTER_PASSES"), INTEGER, "3",
          "Consecutive drift passes a LiteLLM proxy must fail to answer before its Models say Ready=False "
              + "(LiteLLMUnavailable) and ProxyReachable=False, with one Warning Event per proxy; one answered pass "
              + "makes them Ready again."),
      flag("instanceDeletionGrace", "instance-deletion-grace", env("INSTANCE_DELETION_GRACE"), DURATION, "10m",
          "How long a LiteLLMInstance being deleted keeps its proxy for the Models that still reference it to delete "
              + "their LiteLLM models; then it goes with a Warning Event (ModelsLeft) naming the Models left."),
      flag("consistencyGrace", "consistency-grace", env("CONSISTENCY_GRACE"), DURATION, "60s",
          "A Model missing from a proxy's list is re-created only when its last sync is older than this "
              + "(the proxy's replicas lag behind its database)."),
      flag("secretCacheTtl", "secret-cache-ttl", env("SECRET_CACHE_TTL"), DURATION, "60s",
          "How long a read Secret is reused. A change of a Secret that Models read drops its cached read at once "
              + "(the operator watches those Secrets), so rotations do not wait for it."),
      flag("backoffBase", "backoff-base", env("BACKOFF_BASE"), DURATION, "200ms", "First retry delay."),
      flag("backoffCap", "backoff-cap", env("BACKOFF_CAP"), DURATION, "5m",
          "Longest retry delay; also caps every Retry-After a proxy sends."),
      flag("kubeWriteQps", "kube-write-qps", env("KUBE_WRITE_QPS"), NUMBER, "500", "Kubernetes writes per second."),
      flag("kubeWriteBurst", "kube-write-burst", env("KUBE_WRITE_BURST"), INTEGER, "1000", "Kubernetes write burst."),
      flag("kubeWriteMaxInFlight", "kube-write-max-in-flight", env("KUBE_WRITE_MAX_IN_FLIGHT"), INTEGER, "0",
          "0: Kubernetes writes are bounded by --kube-write-qps/--kube-write-burst only. N > 0: also an in-flight "
              + "limit that adapts to the API server's latency up to N and halves on 429 (API Priority and Fairness); "
              + "measured to cost CPU at 10k Models, see docs/performance.md."),
      flag("kubeThreads", "kube-threads", env("KUBE_THREADS"), INTEGER, "32",
          "Threads for blocking Kubernetes calls (reads, server-side apply, Events); status and finalizer patches "
              + "are asynchronous and hold none."),
      flag("kubeMaxConcurrentRequests", "kube-max-concurrent-requests", env("KUBE_MAX_CONCURRENT_REQUESTS"), INTEGER,
          "128", "Concurrent requests the Kubernetes client allows (fabric8's maxConcurrentRequests, also per host)."),
      flag("litellmRps", "litellm-rps", env("LITELLM_RPS"), NUMBER, "0",
          "Optional ceiling on the request rate per LiteLLM proxy; 0: none (each proxy's in-flight limit adapts to "
              + "its latency instead, see --litellm-max-in-flight)."),
      flag("litellmBurst", "litellm-burst", env("LITELLM_BURST"), INTEGER, "100",
          "Request burst per LiteLLM proxy under --litellm-rps."),
      flag("litellmMaxInFlight", "litellm-max-in-flight", env("LITELLM_MAX_IN_FLIGHT"), INTEGER, "32",
          "Ceiling of each LiteLLM proxy's adaptive in-flight limit (found from its latency, halved on 429/503 and "
              + "timeouts) and the size of its connection pool."),
      flag("litellmWaitQueue", "litellm-wait-queue", env("LITELLM_WAIT_QUEUE"), INTEGER, "256",
          "Reconciles that may wait for one LiteLLM proxy's in-flight limit (holding no worker); beyond it, or "
              + "while the proxy's Retry-After (capped at --backoff-cap) lasts, a reconcile is deferred: back in the "
              + "delay queue at a spread-out time, not counted as a failure."),
      flag("litellmTimeout", "litellm-timeout", env("LITELLM_TIMEOUT"), DURATION, "30s",
          "Timeout of one LiteLLM request."),
      flag("clusterDomain", "cluster-domain", env("CLUSTER_DOMAIN"), TEXT, "cluster.local",
          "Cluster DNS domain used to reach LiteLLMInstance Services (`run` only: the sandbox's proxies are local)."),
      flag("logLevel", "log-level", env("LOG_LEVEL"), SettingType.oneOf("debug", "info", "warn", "error"), "info",
          "Level of the operator's own log lines; third-party libraries log warnings and errors only. The variable "
              + "is also read by every other command."),
      flag("logFormat", "log-format", env("LOG_FORMAT"), SettingType.oneOf("text", "json"), "text",
          "text: one line per record; json: one JSON object per line (time, level, logger, message; the object key "
              + "and kind when the line is about one object; controller and reconcileId on the lines of a reconcile; "
              + "a stack trace stays inside its record)."),
      flag("managementPort", "management-port", env("MANAGEMENT_PORT"), INTEGER, "8080",
          "Port of /metrics, /healthz, /readyz (0: any free port)."),
      code("managementHost", TEXT, "0.0.0.0",
          "Interface of the management server. Not a flag: in a pod the kubelet's probes and Prometheus reach it on "
              + "the pod IP; tests and the benchmark bind 127.0.0.1."),
      flag("gatewayParentName", "gateway-parent-name", env("GATEWAY_PARENT_NAME"), TEXT, "",
          "Gateway that HTTPRoutes attach to."),
      flag("gatewayParentNamespace", "gateway-parent-namespace", env("GATEWAY_PARENT_NAMESPACE"), TEXT, "",
          "Namespace of that Gateway (empty: the route's)."),
      flag("gatewayParentSectionName", "gateway-parent-section", env("GATEWAY_PARENT_SECTION"), TEXT, "",
          "Listener (sectionName) of that Gateway."),
      flag("ingressClassName", "ingress-class", env("INGRESS_CLASS"), TEXT, "",
          "IngressClass of created Ingresses (empty: the cluster's default)."),
      flag("allowCrossNamespaceRefs", "allow-cross-namespace-refs", env("ALLOW_CROSS_NAMESPACE_REFS"), BOOLEAN,
          "false", "Let Models reference Secrets and LiteLLMInstances in other namespaces (off: a Model can only use "
              + "what its own namespace holds; the operator reads Secrets cluster-wide, so on would let anyone who can "
              + "create a Model use another namespace's credentials)."),
      flag("leaderElection", "leader-elect", env("LEADER_ELECT"), BOOLEAN, "false",
          "Reconcile only while holding the leader Lease (warm stand-by)."),
      flag("shardingMode", "sharding", env("SHARDING"), SettingType.oneOf("none", "ring", "static"), "none",
          "Namespace sharding. none: one replica owns every namespace; ring: Lease membership and consistent "
              + "hashing; static: the namespaces of this replica's shard index."),
      flag("shardIndex", "shard-index", env("SHARD_INDEX"), INTEGER, "0", "Static sharding: this replica's index."),
      flag("shardCount", "shard-count", env("SHARD_COUNT"), INTEGER, "1", "Static sharding: number of replicas."),
      flag("virtualNodes", "virtual-nodes", env("VIRTUAL_NODES"), INTEGER, "100",
          "Ring sharding: points per replica on the hash ring."),
      flag("leaseName", "lease-name", env("LEASE_NAME"), TEXT, "litellm-operator",
          "Leader Lease name, and prefix of the shard member and claim Leases."),
      flag("leaseDuration", "lease-duration", env("LEASE_DURATION"), DURATION, "15s",
          "How long others wait after a replica's last renewal before taking over."),
      flag("renewDeadline", "renew-deadline", env("RENEW_DEADLINE"), DURATION, "10s",
          "A replica that could not renew for this long stops all work (< lease duration)."),
      flag("retryPeriod", "retry-period", env("RETRY_PERIOD"), DURATION, "2s",
          "Interval between Lease renewals and ring re-evaluations (< renew deadline)."),
      flag("shardDrainTimeout", "shard-drain-timeout", env("SHARD_DRAIN_TIMEOUT"), DURATION, "30s",
          "Longest wait for a namespace's running reconciles when handing it over."),
      flag("shardMaxParallelHandoffs", "shard-max-parallel-handoffs", env("SHARD_MAX_PARALLEL_HANDOFFS"), INTEGER,
          "16", "Ring sharding: namespaces one replica acquires or releases at the same time (each starts or stops "
              + "its informers)."));

  static {
    Set<String> seen = new HashSet<>();
    for (Setting s : ALL) {
      if (!seen.add(s.field()) || (s.hasFlag() && !seen.add(s.option()))) {
        throw new IllegalStateException("two settings for " + s.field());
      }
    }
  }

  private Settings() {}

  /** The setting of a long option ({@code --kube-write-qps}), if the table has one. */
  public static Optional<Setting> byOption(String option) {
    return ALL.stream().filter(s -> s.hasFlag() && s.option().equals(option)).findFirst();
  }

  /** The setting held by an {@link OperatorConfig} field. */
  public static Setting byField(String field) {
    return ALL.stream().filter(s -> s.field().equals(field)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no setting " + field));
  }

  private static Setting flag(String field, String flag, List<String> env, SettingType<?> type, String dflt,
      String doc) {
    return new Setting(field, flag, env, type, dflt, doc);
  }

  /** A setting without flag or variable: only code sets it. */
  private static Setting code(String field, SettingType<?> type, String dflt, String doc) {
    return new Setting(field, null, List.of(), type, dflt, doc);
  }

  /** {@code LITELLM_OPERATOR_<first>}, then the other variables as named (the downward API's POD_NAMESPACE). */
  private static List<String> env(String first, String... fallbacks) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(P + first), java.util.Arrays.stream(fallbacks))
        .toList();
  }
}
