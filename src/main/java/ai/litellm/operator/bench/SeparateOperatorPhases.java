package ai.litellm.operator.bench;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The converge and restart phases with the operator in a JVM of its own ({@link OperatorJvm}): the production
 * {@code run} command, pointed at the fake proxies with {@code --instance-url}. Its CPU, peak RSS and heap are
 * read from outside, so nothing of the fake proxies or the bench's client is in them. Ready is read from the
 * operator's {@code litellm_operator_managed_resources} gauge (its informer cache, as the in-process bench reads it),
 * only once the proxies hold every model, so the scrapes do not add load while the fleet converges.
 */
final class SeparateOperatorPhases {
  private static final Logger LOG = LoggerFactory.getLogger(SeparateOperatorPhases.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final ModelFleetOptions opts;
  private final KubernetesClient client;
  private final FakeProxyFleet proxies;
  private final Path kubeconfig;
  private final OperatorConfig cfg;
  private final Path dir;
  private List<String> operatorArgs;

  SeparateOperatorPhases(ModelFleetOptions opts, KubernetesClient client, FakeProxyFleet proxies, Path kubeconfig,
      OperatorConfig cfg) throws java.io.IOException {
    this.opts = opts;
    this.client = client;
    this.proxies = proxies;
    this.kubeconfig = kubeconfig;
    this.cfg = cfg;
    this.dir = Files.createTempDirectory("bench-operator-");
  }

  /** Starts each instance's fake proxy with its known master key, then the operator process, then creates the fleet. */
  ModelFleetResult.Converge converge(List<LiteLLMInstance> instances, List<Model> fleet) throws Exception {
    List<String> args = new ArrayList<>(runArgs());
    for (LiteLLMInstance inst : instances) {
      String ns = inst.getMetadata().getNamespace();
      String name = inst.getMetadata().getName();
      FakeLiteLLM fake = proxies.proxyFor(ns, name, inst.getSpec().masterKey).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      args.add("--instance-url=" + ns + "/" + name + "=" + fake.baseUrl());
    }
    operatorArgs = List.copyOf(args);
    try (OperatorJvm op = OperatorJvm.start(opts.operatorJvmArgs(), operatorArgs, dir.resolve("converge"),
        START_TIMEOUT)) {
      double cpu0 = op.cpuSeconds();
      Map<String, Double> threads0 = op.cpuByThreadGroup();
      long t0 = System.nanoTime();
      WorkerPool.runAll(fleet.size(), opts.workers(), opts.timeout(),
          i -> KubeWrites.withRetries(() -> client.resource(fleet.get(i)).create()));
      int[] state = awaitConverged(op, t0);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = op.cpuSeconds() - cpu0;
      Map<String, Double> byThreads = ThreadCpu.minus(op.cpuByThreadGroup(), threads0);
      long rss = op.peakRssMib();
      Map<String, Long> kube = op.kubeRequestsByVerb();
      LiteLLMCallCounts calls = LiteLLMCallCounts.of(proxies);
      LOG.info("operator process: converged {} Models in {} s, {} CPU s ({}), peak RSS {} MiB", state[0],
          String.format("%.1f", seconds), String.format("%.1f", cpu), byThreads, rss);
      // Let the rest finish (e.g. an instance's status once its Deployment is ready) before stopping the process, so
      // the restart phase counts only what a restart itself costs.
      awaitIdle(op);
      return new ModelFleetResult.Converge(state[0], state[1], seconds, calls.byEndpoint(), calls.rateLimited(),
          kube, cpu, cpu, false, op.peakHeapMib(), op.lastLiveHeapMib(), rss, byThreads);
    }
  }

  /**
   * A second operator process on the converged fleet: its initial list is a resync of every Model. Settled when the
   * model queue has taken every key and is empty and idle; the writes it made are the figure (target 0).
   */
  ModelFleetResult.Restart restart() throws Exception {
    LiteLLMCallCounts calls0 = LiteLLMCallCounts.of(proxies);
    long start = System.nanoTime();
    try (OperatorJvm op = OperatorJvm.start(opts.operatorJvmArgs(), operatorArgs, dir.resolve("restart"),
        START_TIMEOUT)) {
      long deadline = System.nanoTime() + opts.timeout().toNanos();
      while (true) {
        PrometheusText m = op.metrics();
        double reconciled = m.sum("controller_runtime_reconcile_total", l -> "model".equals(l.get("controller")));
        double depth = m.sum("workqueue_depth", l -> "model".equals(l.get("name")));
        double active = m.sum("controller_runtime_active_workers", l -> "model".equals(l.get("controller")));
        if (reconciled >= opts.models() && depth == 0 && active == 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new java.util.concurrent.TimeoutException("restarted operator did not settle within " + opts.timeout());
        }
        Thread.sleep(500);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(1000); // writes caused by the last reconciles land before counting
      LiteLLMCallCounts calls = LiteLLMCallCounts.of(proxies).minus(calls0);
      Map<String, Long> kube = op.kubeRequestsByVerb();
      LOG.info("restarted operator process settled {} Models in {} s: LiteLLM {}, Kubernetes {}", opts.models(),
          String.format("%.2f", seconds), calls.byEndpoint(), kube);
      return new ModelFleetResult.Restart(seconds, calls.writes(), calls.listCalls(), KubeWrites.writes(kube));
    }
  }

  /** Waits until every queue of the operator is empty, with nothing running or delayed, twice in a row. */
  private void awaitIdle(OperatorJvm op) throws Exception {
    long deadline = System.nanoTime() + opts.timeout().toNanos();
    int idleReadings = 0;
    while (idleReadings < 2 && System.nanoTime() < deadline) {
      PrometheusText m = op.metrics();
      double busy = m.sum("workqueue_depth", l -> true) + m.sum("controller_runtime_active_workers", l -> true)
          + m.sum("litellm_operator_queue_delayed", l -> true);
      idleReadings = busy == 0 ? idleReadings + 1 : 0;
      Thread.sleep(1000);
    }
  }

  private int[] awaitConverged(OperatorJvm op, long t0) throws Exception {
    long deadline = System.nanoTime() + opts.timeout().toNanos();
    long nextReport = System.nanoTime();
    int stored = 0;
    int ready = 0;
    while (System.nanoTime() < deadline) {
      stored = proxies.all().stream().mapToInt(FakeLiteLLM::modelCount).sum();
      if (System.nanoTime() >= nextReport) {
        LOG.info("converging: {} of {} Models in the proxies after {} s", stored, opts.models(),
            (System.nanoTime() - t0) / 1_000_000_000L);
        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      }
      if (stored >= opts.models()) {
        ready = (int) op.metrics().sum("litellm_operator_managed_resources", l -> "Model".equals(l.get("kind"))
            && "Ready".equals(l.get("condition")) && "True".equals(l.get("status")));
        if (ready >= opts.models()) {
          break;
        }
        Thread.sleep(250);
      } else {
        Thread.sleep(100);
      }
    }
    return new int[] {ready, stored};
  }

  /** The {@code run} options that match the in-process bench's operator configuration. */
  private List<String> runArgs() {
    return List.of(
        "--kubeconfig=" + kubeconfig,
        "--identity=bench-operator",
        "--kube-threads=" + cfg.kubeThreads,
        "--kube-write-qps=" + cfg.kubeWriteQps,
        "--kube-write-burst=" + cfg.kubeWriteBurst,
        "--litellm-rps=" + cfg.litellmRps,
        "--litellm-burst=" + cfg.litellmBurst,
        "--litellm-max-in-flight=" + cfg.litellmMaxInFlight,
        "--resync-period=" + cfg.resyncPeriod.toHours() + "h",
        "--drift-interval=" + cfg.driftInterval.toHours() + "h");
  }
}
