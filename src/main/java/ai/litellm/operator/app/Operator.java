package ai.litellm.operator.app;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.InformerPublisher;
import ai.litellm.operator.sharding.NamespaceGate;
import ai.litellm.operator.sharding.NamespaceWorkers;
import ai.litellm.operator.controller.instance.InstanceController;
import ai.litellm.operator.controller.model.CredentialController;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.controller.model.ModelController;
import ai.litellm.operator.controller.instance.InstanceControllerSettings;
import ai.litellm.operator.controller.model.LiteLLMCalls;
import ai.litellm.operator.controller.model.ModelControllerSettings;
import ai.litellm.operator.eventlog.MicrometerEventLogMetrics;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.LimiterSettings;
import ai.litellm.operator.kube.AsyncJsonPatch;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.EventRecorder;
import ai.litellm.operator.kube.InstallIdentity;
import ai.litellm.operator.kube.InstallSecret;
import ai.litellm.operator.render.KeyedHash;
import ai.litellm.operator.kube.KubeRequestLimiter;
import ai.litellm.operator.kube.KubeServices;
import ai.litellm.operator.kube.SecretReader;
import ai.litellm.operator.litellm.LiteLLMClient;
import ai.litellm.operator.litellm.LiteLLMClientOptions;
import ai.litellm.operator.metrics.LimiterMetrics;
import ai.litellm.operator.metrics.MemoryGauges;
import ai.litellm.operator.metrics.LiteLLMMetrics;
import ai.litellm.operator.render.GatewayParentRef;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.metrics.ManagedResourceMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator: both controllers on one Vert.x, sharing the process's Kubernetes bridge, the rate limiters and the
 * LiteLLM client.
 * The same class runs in `litellm-operator run`, in the sandbox, in the benchmark and in the integration tests.
 */
public final class Operator implements NamespaceWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

  private final OperatorConfig config;
  private final KubeServices kube;
  private final DownstreamLimiters limiters;
  private final NamespaceGate gate;
  /**
   * Namespace watches asked for and not yet in (their informers' initial lists load on the bridge). An informer set
   * that has not registered the namespace's informer yet counts as synced (it has nothing to wait for), so without
   * this count /readyz said ready between two informer starts and then not ready again.
   */
  private final AtomicInteger watchesStarting = new AtomicInteger();
  private final InstanceController instances;
  private final ModelController models;

  private Operator(OperatorConfig config, KubeServices kube, DownstreamLimiters limiters, NamespaceGate gate,
      InstanceController instances, ModelController models) {
    this.config = config;
    this.kube = kube;
    this.limiters = limiters;
    this.gate = gate;
    this.instances = instances;
    this.models = models;
  }

  /**
   * Builds the controllers (not yet watching anything).
   *
   * @param bridge the process's one bridge for blocking calls (its owner closes it)
   * @param gate which namespaces this replica reconciles right now (sharding, leader election; see {@code sharding})
   */
  public static Future<Operator> create(OperatorConfig cfg, Vertx vertx, KubernetesClient client, BlockingBridge bridge,
      MeterRegistry registry, InstanceEndpoints endpoints, NamespaceGate gate) {
    DownstreamLimiters limiters = DownstreamLimiters.of(vertx, kubernetesWriteLimits(cfg), liteLLMLimits(cfg),
        new MicrometerEventLogMetrics(registry, "downstream"));
    KubeRequestLimiter requests =
        new KubeRequestLimiter(limiters.forDownstream(DownstreamLimiters.KUBERNETES_WRITES), registry);
    SecretReader secrets = new SecretReader(client, bridge, requests, cfg.secretCacheTtl);
    secrets.sweepPeriodically(vertx); // stopped by #stop
    KubeServices kube = new KubeServices(client, bridge, new AsyncJsonPatch(client, vertx), requests, secrets,
        new EventRecorder(client, bridge, requests, cfg.identity, java.time.Clock.systemUTC()));
    LiteLLMCalls litellm = new LiteLLMCalls(LiteLLMClient.create(vertx, new LiteLLMClientOptions()
        .requestTimeout(cfg.litellmTimeout).maxConnectionsPerEndpoint(cfg.litellmMaxInFlight)), limiters,
        new LiteLLMMetrics(registry));
    // The instance informers start before the Model controller exists: their changes reach it once it does.
    InstanceChangeRelay modelsToTell = new InstanceChangeRelay();
    Future<String> installId = bridge.call(() -> InstallIdentity.resolve(client, cfg.operatorNamespace, cfg.installId))
        .onSuccess(id -> LOG.info("install id {} (written into the ownership marker of every LiteLLM model)", id));
    Future<KeyedHash> hash = installId.compose(id -> bridge.call(() ->
        new KeyedHash(InstallSecret.hashKey(client, cfg.operatorNamespace, cfg.leaseName))));
    return hash.compose(h -> bridge.call(() -> gatewayApiInstalled(client)))
        .compose(gateway -> InstanceController.create(vertx, instanceSettings(cfg), kube, gateway, gate, registry,
            modelsToTell::instanceChanged, modelsToTell::deploymentChanged, modelsToTell::modelsReferencing))
        .compose(inst -> ModelController.create(vertx, modelSettings(cfg, installId.result(), hash.result()), kube,
                litellm,
                inst.instances(), inst.deployments(), endpoints, gate, registry)
            .onSuccess(modelsToTell::bind)
            .map(model -> new Operator(cfg, kube, limiters, gate, inst, model).registerResourceMetrics(registry)));
  }

  /**
   * Kubernetes writes: client-go's QPS/burst token bucket; with {@code --kube-write-max-in-flight N > 0} also an
   * in-flight limit that adapts to the API server's latency up to N and halves on 429, with a wait queue as long as
   * the reconciles that may write at once. Off by default: at 10k Models it cost 2-3 CPU s per 1,000 Models and made
   * reconciles wait without their permits, for no faster convergence (docs/performance.md).
   */
  private static LimiterSettings kubernetesWriteLimits(OperatorConfig cfg) {
    if (cfg.kubeWriteMaxInFlight <= 0) {
      return LimiterSettings.fixed(cfg.kubeWriteQps, cfg.kubeWriteBurst);
    }
    return LimiterSettings.adaptive(cfg.kubeWriteMaxInFlight, cfg.modelConcurrency + cfg.instanceConcurrency,
        cfg.backoffCap).withRateCeiling(cfg.kubeWriteQps, cfg.kubeWriteBurst);
  }

  /**
   * Per LiteLLM proxy: an in-flight limit that adapts to its latency up to {@code --litellm-max-in-flight} (also the
   * connection pool per proxy, so the limit never waits for a connection), a wait queue, Retry-After pauses capped at
   * the backoff cap, and the optional rate ceiling.
   */
  private static LimiterSettings liteLLMLimits(OperatorConfig cfg) {
    return LimiterSettings.adaptive(cfg.litellmMaxInFlight, cfg.litellmWaitQueue, cfg.backoffCap)
        .withRateCeiling(cfg.litellmRps, cfg.litellmBurst);
  }

  private static ModelControllerSettings modelSettings(OperatorConfig cfg, String installId, KeyedHash hash) {
    return new ModelControllerSettings(cfg.partitions, cfg.modelConcurrency, cfg.backoffBase, cfg.backoffCap,
        cfg.resyncPeriod, cfg.driftInterval, cfg.consistencyGrace, cfg.allowCrossNamespaceRefs, installId,
        Set.copyOf(cfg.namespaces), hash, cfg.unreachableAfterPasses);
  }

  private static InstanceControllerSettings instanceSettings(OperatorConfig cfg) {
    return new InstanceControllerSettings(cfg.partitions, cfg.instanceConcurrency, cfg.backoffBase, cfg.backoffCap,
        cfg.resyncPeriod, new OperatorSettings(
            cfg.gatewayParentName.isBlank() ? null : new GatewayParentRef(cfg.gatewayParentName,
                blankToNull(cfg.gatewayParentNamespace), blankToNull(cfg.gatewayParentSectionName)),
            blankToNull(cfg.ingressClassName)), cfg.instanceDeletionGrace);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Gauges computed from the informer caches and the limiters (see docs/metrics.md). */
  private Operator registerResourceMetrics(MeterRegistry registry) {
    // Counted only where this replica owns the namespace: stand-bys report 0, so sums over replicas count once.
    ManagedResourceMetrics.register(registry, "Model", models.models()::list, gate::isOpen,
        m -> m.getStatus() == null ? null : m.getStatus().conditions, List.of("Ready", "Synced"));
    ManagedResourceMetrics.register(registry, "LiteLLMInstance", instances.instances()::list, gate::isOpen,
        i -> i.getStatus() == null ? null : i.getStatus().conditions, List.of("Ready", "Progressing", "Degraded"));
    ManagedResourceMetrics.register(registry, "Credential", models.credentials().credentials()::list, gate::isOpen,
        c -> c.getStatus() == null ? null : c.getStatus().conditions, List.of("Ready", "Synced"));
    LimiterMetrics.register(registry, limiters, List.of("litellm", DownstreamLimiters.KUBERNETES_WRITES));
    // What the operator remembers per object or per peer: each must follow the cluster down as well as up.
    MemoryGauges.register(registry, Map.ofEntries(
        Map.entry("credential_keys", () -> models.credentials().log().knownKeys()),
        Map.entry("credential_verdicts", () -> models.credentials().verdicts()),
        Map.entry("credential_usage_pending", () -> models.credentials().pendingUsage()),
        Map.entry("model_keys", () -> models.log().knownKeys()),
        Map.entry("instance_keys", () -> instances.log().knownKeys()),
        Map.entry("model_own_writes", () -> models.models().pendingOwnWrites()),
        Map.entry("secret_reads", () -> kube.secrets().entries()),
        Map.entry("referenced_secret_versions", () -> models.secrets().kept()),
        Map.entry("user_secret_informers", instances::userSecretNamespaces),
        Map.entry("downstream_limiters", () -> limiters.all().size()),
        Map.entry("instance_verdicts", models::instanceVerdicts),
        Map.entry("failing_proxies", models::failingProxies)));
    return this;
  }

  private static boolean gatewayApiInstalled(KubernetesClient client) {
    try {
      return client.getApiGroup("gateway.networking.k8s.io") != null;
    } catch (RuntimeException e) {
      LOG.info("cannot discover the Gateway API ({}); HTTPRoutes disabled", e.getMessage());
      return false;
    }
  }

  /** Watches the configured namespaces (all when none are configured). */
  public Future<Void> watchConfiguredNamespaces() {
    if (config.namespaces.isEmpty()) {
      return starting(() -> instances.watchAll().compose(v -> models.watchAll()));
    }
    return starting(() -> {
      Future<Void> chain = Future.succeededFuture();
      for (String ns : config.namespaces) {
        chain = chain.compose(v -> watch(ns));
      }
      return chain;
    });
  }

  /** Starts watching one namespace (namespace lists and sharding); the gate decides whether its keys run. */
  @Override
  public Future<Void> watch(String namespace) {
    LOG.info("watching namespace {}", namespace);
    return starting(() -> instances.watch(namespace).compose(v -> models.watch(namespace)));
  }

  /** Counts a watch as starting (not ready) from the call until its informers are in, or it failed. */
  private Future<Void> starting(Supplier<Future<Void>> watch) {
    watchesStarting.incrementAndGet();
    try {
      return watch.get().andThen(ar -> watchesStarting.decrementAndGet());
    } catch (RuntimeException e) {
      watchesStarting.decrementAndGet();
      throw e;
    }
  }

  /** Stops watching one namespace (sharding hand-off): its informers stop; the caller drains in-flight work first. */
  @Override
  public Future<Void> unwatch(String namespace) {
    LOG.info("releasing namespace {}", namespace);
    return models.unwatch(namespace)
        .onFailure(e -> LOG.warn("releasing namespace {}: Models: {}", namespace, e.toString()))
        .compose(v -> instances.unwatch(namespace))
        .onFailure(e -> LOG.warn("releasing namespace {}: {}", namespace, e.toString()))
        .onSuccess(v -> LOG.debug("released namespace {}", namespace));
  }

  /** Every cached Model and LiteLLMInstance is looked at again (a warm stand-by that just became the leader). */
  @Override
  public void replay() {
    for (Model m : models.models().list()) {
      models.log().publish(InformerPublisher.of("Model", m, EventType.RESYNC));
    }
    for (Credential c : models.credentials().credentials().list()) {
      models.credentials().log().publish(InformerPublisher.of(CredentialController.KIND, c, EventType.RESYNC));
    }
    for (LiteLLMInstance i : instances.instances().list()) {
      instances.log().publish(InformerPublisher.of("LiteLLMInstance", i, EventType.RESYNC));
    }
  }

  @Override
  public Map<String, Integer> objectsCached() {
    return Map.of("Model", models.models().size(), "LiteLLMInstance", instances.instances().list().size(),
        "Credential", models.credentials().credentials().size());
  }

  /** Readiness checks for /readyz. */
  public Map<String, Boolean> readiness() {
    Map<String, Boolean> checks = new LinkedHashMap<>();
    checks.put("namespaceWatchesStarted", watchesStarting.get() == 0);
    checks.put("instanceInformersSynced", instances.hasSynced());
    checks.put("modelInformersSynced", models.models().hasSynced());
    checks.put("credentialInformersSynced", models.credentials().credentials().hasSynced());
    // An informer that stopped on its own (e.g. it could not read a watch event) no longer follows the cluster.
    checks.put("informersWatching", models.models().allWatching() && models.secrets().allWatching()
        && models.credentials().credentials().allWatching()
        && instances.informersWatching());
    return checks;
  }

  /**
   * Stops taking work, lets in-flight reconciles finish (bounded), then stops the informers. The bridge is the
   * process's: {@link OperatorProcess} closes it after everything that uses it has stopped.
   */
  public Future<Void> stop(Duration maxWait) {
    kube.secrets().stopSweeping();
    return Future.join(models.stop(maxWait), instances.stop(maxWait)).mapEmpty();
  }

  public OperatorConfig config() {
    return config;
  }

  /** Which namespaces this replica reconciles right now. */
  public NamespaceGate gate() {
    return gate;
  }

  /** The Kubernetes side: client, bridge, request counts. */
  public KubeServices kube() {
    return kube;
  }

  public ModelController models() {
    return models;
  }

  public InstanceController instances() {
    return instances;
  }

  /** Hands instance changes to the Model controller once it exists (before, no Model can be parked). */
  private static final class InstanceChangeRelay {
    private volatile ModelController models;

    void bind(ModelController m) {
      models = m;
    }

    void instanceChanged(ResourceEvent e) {
      ModelController m = models;
      if (m != null) {
        m.instanceChanged(e);
      }
    }

    /**
     * The Models that reference an instance (a deleting instance waits for them, issue #14.2); null until the Model
     * controller exists and has listed the instance's namespace: "not known yet" is never "none".
     */
    java.util.List<String> modelsReferencing(String namespace, String name) {
      ModelController m = models;
      return m == null ? null : m.modelsReferencing(namespace, name);
    }

    /** {@code e} carries the key of the instance whose Deployment changed. */
    void deploymentChanged(ResourceEvent e) {
      ModelController m = models;
      if (m != null) {
        m.instanceDeploymentChanged(e);
      }
    }
  }
}
