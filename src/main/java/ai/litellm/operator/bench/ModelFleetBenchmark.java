package ai.litellm.operator.bench;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.KubeClients;
import ai.litellm.operator.sandbox.DeploymentSimulator;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench models}: a fleet of Models through the real operator (an {@link OperatorProcess} in this JVM) against
 * fake LiteLLM proxies (one per LiteLLMInstance) and the chosen API server. Phases:
 * <ol>
 *   <li>converge: create the fleet (preloaded into the embedded store, else created by {@code workers} threads while
 *       the operator runs) and wait until every Model is Ready and stored in its proxy;</li>
 *   <li>resync: a RESYNC event for every Model key (what an informer resync publishes) and one drift pass: the writes
 *       it causes are counted; then a second flood during which a few Models change, to time fresh changes;</li>
 *   <li>restart: a new operator process on the same API server (initial list) and one drift pass: writes counted;</li>
 *   <li>bare loader: the same Kubernetes writes per Model without the operator (see {@link BareLoader}).</li>
 * </ol>
 * Blocks the calling thread for the whole run; every wait is bounded by the options' timeout.
 */
public final class ModelFleetBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFleetBenchmark.class);
  private static final String FAKE_THREADS = "fake-litellm-";
  private static final String BENCH_THREADS = "bench-";

  private final ModelFleetOptions opts;
  private final ModelFleetCluster cluster;
  private final KubernetesClient client;
  private final FakeProxyFleet proxies;
  private final CpuMeter cpu = new CpuMeter(List.of(FAKE_THREADS, BENCH_THREADS));

  private ModelFleetBenchmark(ModelFleetOptions opts, ModelFleetCluster cluster, KubernetesClient client,
      FakeProxyFleet proxies) {
    this.opts = opts;
    this.cluster = cluster;
    this.client = client;
    this.proxies = proxies;
  }

  public static ModelFleetResult run(ModelFleetOptions opts) throws Exception {
    Vertx benchVertx = NamedVertx.create(BENCH_THREADS + "client-");
    Vertx proxyVertx = NamedVertx.create(FAKE_THREADS);
    try (ModelFleetCluster cluster = ModelFleetCluster.open(opts.apiServer(), opts.kubeconfig());
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(KubeClients.tune(cluster.config(), Math.max(64, opts.workers() * 2)))
            .withHttpClientFactory(new Vertx5HttpClientFactory(benchVertx)).build()) {
      FakeProxyFleet proxies = new FakeProxyFleet(proxyVertx, () -> new FakeLiteLLMOptions()
          .latencyMs(opts.litellmLatencyMs()).rateLimitPerSecond(opts.fakeRateLimit())).standingInForDeployments();
      try {
        return new ModelFleetBenchmark(opts, cluster, client, proxies).run();
      } finally {
        proxies.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      proxyVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      benchVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private ModelFleetResult run() throws Exception {
    cluster.installCrds(client);
    List<Model> fleet = ModelFleetObjects.models(opts.models(), opts.namespaces());
    boolean preload = cluster.embedded().isPresent();
    if (preload) {
      List<HasMetadata> all = new ArrayList<>(ModelFleetObjects.namespaces(opts.namespaces()));
      all.addAll(ModelFleetObjects.instances(opts.namespaces()));
      all.addAll(fleet);
      cluster.preload(all);
    } else {
      for (var ns : ModelFleetObjects.namespaces(opts.namespaces())) {
        if (client.namespaces().withName(ns.getMetadata().getName()).get() == null) {
          client.namespaces().resource(ns).create();
        }
      }
      for (LiteLLMInstance inst : ModelFleetObjects.instances(opts.namespaces())) {
        client.resource(inst).create();
      }
    }
    ModelFleetResult.Setup setup = new ModelFleetResult.Setup(opts.models(), opts.namespaces(), cluster.description(),
        preload ? "preload" : "api (" + opts.workers() + " threads)", opts.litellmLatencyMs(), opts.litellmRps(),
        opts.litellmMaxInFlight(), opts.fakeRateLimit(), opts.kubeWriteQps(), opts.workers(),
        Runtime.getRuntime().availableProcessors(), PeakMemory.maxHeapMib(), Runtime.version().toString(),
        opts.operatorProcess() ? String.join(" ", opts.operatorJvmArgs()) : null);

    if (opts.operatorProcess()) {
      return runSeparate(setup, fleet);
    }
    try (DeploymentSimulator kubelet = new DeploymentSimulator(client, 200).start();
        PeakMemory memory = new PeakMemory()) {
      // Preloaded: the clock starts with the operator (its initial list is part of converging). Created over the
      // API: the clock starts with the first create, as the bare loader's does.
      CpuMeter.Reading cpu0 = cpu.read();
      long t0 = System.nanoTime();
      ReplicaSet replicaSet = ReplicaSet.start(operatorConfig(), cluster.config(), proxies, opts.replicas());
      List<OperatorProcess> ops = replicaSet.replicas();
      OperatorProcess op = ops.get(0);
      ModelFleetResult.Converge converge;
      ModelFleetResult.Resync resync = null;
      ModelFleetResult.Replicas spread = null;
      try {
        if (!preload) {
          cpu0 = cpu.read();
          t0 = System.nanoTime();
          WorkerPool.runAll(fleet.size(), opts.workers(), opts.timeout(),
              i -> KubeWrites.withRetries(() -> client.resource(fleet.get(i)).create()));
        }
        int[] state = awaitConverged(ops);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Reading cpu1 = cpu.read();
        LiteLLMCallCounts calls = LiteLLMCallCounts.of(proxies);
        converge = new ModelFleetResult.Converge(state[0], state[1], seconds, calls.byEndpoint(),
            calls.rateLimited(), kubeRequests(ops), cpu1.processSecondsSince(cpu0),
            cpu1.operatorSecondsSince(cpu0), cluster.apiServerInProcess(), memory.peakHeapMib(),
            memory.liveHeapMib(), PeakMemory.peakRssMib(), Map.of());
        LOG.info("converged {} of {} Models in {} s", state[0], opts.models(), String.format("%.1f", seconds));
        if (ops.size() > 1) {
          spread = spread(ops, memory);
        }
        if (state[0] < opts.models()) {
          return new ModelFleetResult(setup, converge, null, null, null, spread);
        }
        if (ops.size() == 1) {
          resync = resyncPhase(op);
        }
      } finally {
        replicaSet.close();
      }
      // Resync and restart drive one operator's event log: with several replicas the converge phase is the figure.
      ModelFleetResult.Restart restart = ops.size() == 1 ? restartPhase() : null;
      Double loader = loaderPhase(fleet);
      return new ModelFleetResult(setup, converge, resync, restart, loader, spread);
    }
  }

  /** Converge and restart with the operator as a separate JVM (see {@link SeparateOperatorPhases}); no resync phase. */
  private ModelFleetResult runSeparate(ModelFleetResult.Setup setup, List<Model> fleet) throws Exception {
    SeparateOperatorPhases phases = new SeparateOperatorPhases(opts, client, proxies, cluster.kubeconfigFile(),
        operatorConfig());
    ModelFleetResult.Converge converge;
    try (DeploymentSimulator kubelet = new DeploymentSimulator(client, 200).start()) {
      converge = phases.converge(ModelFleetObjects.instances(opts.namespaces()), fleet);
      if (converge.ready() < opts.models() || converge.inLiteLLM() < opts.models()) {
        return new ModelFleetResult(setup, converge, null, null, null);
      }
    }
    ModelFleetResult.Restart restart = phases.restart();
    return new ModelFleetResult(setup, converge, null, restart, loaderPhase(fleet));
  }

  private Double loaderPhase(List<Model> fleet) throws Exception {
    if (!opts.loader()) {
      return null;
    }
    ModelStatus template = client.resources(Model.class).inNamespace(fleet.get(0).getMetadata().getNamespace())
        .withName(fleet.get(0).getMetadata().getName()).get().getStatus();
    double loader = BareLoader.run(client, opts.models(), opts.workers(), template, opts.timeout());
    LOG.info("bare loader: {} Models in {} s", opts.models(), String.format("%.1f", loader));
    return loader;
  }

  private OperatorConfig operatorConfig() {
    OperatorConfig cfg = new OperatorConfig();
    cfg.managementHost = "127.0.0.1";
    cfg.managementPort = 0;
    cfg.kubeThreads = opts.workers();
    cfg.kubeWriteQps = opts.kubeWriteQps();
    cfg.kubeWriteBurst = (int) Math.max(cfg.kubeWriteBurst, opts.kubeWriteQps() * 2);
    cfg.litellmRps = opts.litellmRps();
    cfg.litellmBurst = (int) Math.max(cfg.litellmBurst, opts.litellmRps() * 2);
    cfg.litellmMaxInFlight = opts.litellmMaxInFlight();
    // The bench forces resyncs and drift passes itself; timers would only add noise to the phases.
    cfg.resyncPeriod = Duration.ofHours(24);
    cfg.driftInterval = Duration.ofHours(24);
    return cfg;
  }

  /** Namespaces and Models per replica now, and heap divided by the replica count (they share this JVM). */
  private static ModelFleetResult.Replicas spread(List<OperatorProcess> ops, PeakMemory memory) {
    List<Integer> namespaces = new ArrayList<>();
    List<Integer> models = new ArrayList<>();
    for (OperatorProcess p : ops) {
      namespaces.add(p.operator().gate().openNamespaces().size());
      models.add(p.operator().models().models().size());
    }
    return new ModelFleetResult.Replicas(ops.size(), namespaces, models, memory.peakHeapMib() / ops.size(),
        memory.liveHeapMib() / ops.size());
  }

  private static Map<String, Long> kubeRequests(List<OperatorProcess> ops) {
    Map<String, Long> sum = new java.util.TreeMap<>();
    ops.forEach(p -> p.operator().kube().limiter().requestsByVerb().forEach((k, v) -> sum.merge(k, v, Long::sum)));
    return sum;
  }

  /**
   * @return {Ready in the replicas' caches, models stored in the fake proxies} once both equal the fleet size. With
   *     several replicas a Model is counted once even if a hand-off leaves it briefly in two caches.
   */
  private int[] awaitConverged(List<OperatorProcess> ops) throws InterruptedException {
    long deadline = System.nanoTime() + opts.timeout().toNanos();
    int ready = 0;
    int stored = 0;
    long nextReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      ready = countReady(ops);
      if (System.nanoTime() >= nextReport) {
        for (OperatorProcess op : ops) {
          EventLog<?> log = op.operator().models().log();
          LOG.info("converging: {} of {} Models Ready ({}: cached {}, queued {}, in flight {}, delayed {}, taken in {})",
              ready, opts.models(), op.operator().config().identity, op.operator().models().models().size(),
              log.depth(), log.inFlight(), log.delayed(), EventLogDrain.logEnd(log));
        }
        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      }
      if (ready == opts.models()) {
        // Reading the proxies' stores is costly (rows are decrypted): only once the cache says done.
        stored = proxies.all().stream().mapToInt(p -> p.models().size()).sum();
        if (stored == opts.models()) {
          break;
        }
      }
      Thread.sleep(100);
    }
    return new int[] {ready, stored};
  }

  private static int countReady(List<OperatorProcess> ops) {
    java.util.Set<String> ready = new java.util.HashSet<>();
    for (OperatorProcess op : ops) {
      for (Model m : op.operator().models().models().list()) {
        if (m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")) {
          ready.add(m.getMetadata().getNamespace() + "/" + m.getMetadata().getName());
        }
      }
    }
    return ready.size();
  }

  private ModelFleetResult.Resync resyncPhase(OperatorProcess op) throws Exception {
    EventLog<?> log = op.operator().models().log();
    // Steady state first: Ready everywhere can precede the last retries (e.g. of a stale-cache 422) settling, and
    // their writes are not the resync's.
    EventLogDrain.await(log, EventLogDrain.logEnd(log), 0, opts.timeout());
    settle();
    List<Model> cached = op.operator().models().models().list();
    LiteLLMCallCounts calls0 = LiteLLMCallCounts.of(proxies);
    Map<String, Long> kube0 = op.operator().kube().limiter().requestsByVerb();
    long end0 = EventLogDrain.logEnd(log);
    long start = System.nanoTime();
    publishResync(log, cached);
    EventLogDrain.await(log, end0, cached.size(), opts.timeout());
    double floodSeconds = (System.nanoTime() - start) / 1e9;
    awaitFuture(op.operator().models().runDriftPass());
    settle();
    LiteLLMCallCounts calls = LiteLLMCallCounts.of(proxies).minus(calls0);
    Map<String, Long> kube = KubeWrites.minus(op.operator().kube().limiter().requestsByVerb(), kube0);
    LOG.info("resync flood of {} keys settled in {} s: LiteLLM {}, Kubernetes {}", cached.size(),
        String.format("%.2f", floodSeconds), calls.byEndpoint(), kube);

    // Second flood, with fresh changes behind it: they must not wait for the flood to drain.
    LatencySamples fresh = new LatencySamples();
    if (opts.freshChanges() > 0) {
      List<Model> targets = new ArrayList<>();
      int step = Math.max(1, cached.size() / opts.freshChanges());
      for (int i = cached.size() - 1; i >= 0 && targets.size() < opts.freshChanges(); i -= step) {
        targets.add(cached.get(i));
      }
      long end1 = EventLogDrain.logEnd(log);
      publishResync(log, cached);
      for (long nanos : FreshChangeProbe.run(client, op.operator().models().models(), targets,
          ModelFleetObjects.PROVIDER_MODEL + "-v2", opts.timeout())) {
        fresh.add(nanos);
      }
      EventLogDrain.await(log, end1, cached.size() + targets.size(), opts.timeout());
    }
    return new ModelFleetResult.Resync(floodSeconds, calls.writes(), calls.listCalls(), KubeWrites.writes(kube), kube,
        fresh.size(), fresh.percentileMs(0.50), fresh.percentileMs(0.99));
  }

  private ModelFleetResult.Restart restartPhase() throws Exception {
    LiteLLMCallCounts calls0 = LiteLLMCallCounts.of(proxies);
    long start = System.nanoTime();
    OperatorProcess op = OperatorProcess.start(operatorConfig(), cluster.config(), proxies);
    try {
      EventLogDrain.await(op.operator().models().log(), 0, opts.models(), opts.timeout());
      double seconds = (System.nanoTime() - start) / 1e9;
      awaitFuture(op.operator().models().runDriftPass());
      settle();
      LiteLLMCallCounts calls = LiteLLMCallCounts.of(proxies).minus(calls0);
      Map<String, Long> kube = op.operator().kube().limiter().requestsByVerb();
      LOG.info("restart settled {} Models in {} s: LiteLLM {}, Kubernetes {}", opts.models(),
          String.format("%.2f", seconds), calls.byEndpoint(), kube);
      return new ModelFleetResult.Restart(seconds, calls.writes(), calls.listCalls(), KubeWrites.writes(kube));
    } finally {
      op.close();
    }
  }

  private static void publishResync(EventLog<?> log, List<Model> models) {
    long now = System.currentTimeMillis();
    for (Model m : models) {
      var md = m.getMetadata();
      log.publish(new ResourceEvent("Model", md.getNamespace(), md.getName(), md.getUid(), md.getResourceVersion(),
          md.getGeneration() == null ? 0 : md.getGeneration(), EventType.RESYNC, now));
    }
  }

  /** Lets writes caused by the phase (e.g. the instance controller's) land before counting. */
  private static void settle() throws InterruptedException {
    Thread.sleep(1000);
  }

  private void awaitFuture(io.vertx.core.Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(opts.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("drift pass did not finish within " + opts.timeout());
    }
  }
}
