package ai.litellm.operator.bench;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.CrdManifests;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sandbox.realcluster.RealControlPlaneOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory under churn (issue #13 point 5): rounds of creating and deleting namespaces, each with its own Secrets, a
 * LiteLLMInstance and a Model, against the operator as a process of its own (the production {@code run} command).
 * After each round the operator's heap is collected in full (jcmd GC.run) and its live set read from its GC log: a
 * per-key memory that is never forgotten shows as a live set that grows round after round. The operator's own count of
 * each memory ({@code litellm_operator_memory_entries{holder}}) is read too: with every namespace gone, each memory
 * kept per object must be empty again (the heap alone is too coarse to see 30 forgotten informers).
 */
public final class ChurnBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(ChurnBenchmark.class);

  /**
   * @param rounds        create-and-delete rounds
   * @param perRound      namespaces per round, each with a connection Secret, a credentials Secret, an instance and a
   *                      Model
   * @param realControlPlane a real kube-apiserver + etcd + controller-manager (namespace deletion and garbage
   *                      collection as in a cluster); otherwise the embedded API server
   */
  public record Options(int rounds, int perRound, boolean realControlPlane, List<String> operatorJvmArgs,
      Duration roundTimeout, Path workDir) {}

  /** Memories kept per object or per namespace: empty again once every namespace of a round is gone. */
  static final List<String> PER_OBJECT_MEMORIES = List.of("model_keys", "instance_keys", "model_own_writes",
      "secret_reads", "referenced_secret_versions", "user_secret_informers", "instance_verdicts", "failing_proxies");
  /** Limiters are kept per peer: the API server and the one proxy every round's namespaces share. */
  static final long PEERS = 2;
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /** The live heap after each round's full collection, and the verdict against the first round. */
  public record Result(String apiServer, int rounds, int perRound, List<Long> liveHeapMibAfterRound,
      List<Double> roundSeconds, List<Map<String, Long>> memoryAfterRound) {
    /** Memories of the last round that still hold entries for objects that are gone (empty: nothing leaked). */
    public Map<String, Long> leftBehind() {
      Map<String, Long> last = memoryAfterRound.get(memoryAfterRound.size() - 1);
      Map<String, Long> left = new java.util.TreeMap<>();
      PER_OBJECT_MEMORIES.forEach(h -> {
        long n = last.getOrDefault(h, -1L);
        if (n != 0) {
          left.put(h, n); // -1: the gauge is missing, which is a failure too
        }
      });
      long limiters = last.getOrDefault("downstream_limiters", -1L);
      if (limiters < 0 || limiters > PEERS) {
        left.put("downstream_limiters", limiters);
      }
      return left;
    }

    /** The last round's live heap over the first round's, as a fraction (noisier than {@link #growth()}). */
    public double lastOverFirst() {
      long first = liveHeapMibAfterRound.get(0);
      long last = liveHeapMibAfterRound.get(liveHeapMibAfterRound.size() - 1);
      return first == 0 ? 0 : (double) (last - first) / first;
    }

    /**
     * Growth of the live set's floor: the lowest live heap of the second half of the rounds over the lowest of the
     * first half, as a fraction. What one full collection leaves varies by several MiB from round to round (pooled
     * buffers, caches sized by recent traffic: 26-39 MiB over 8 rounds of one run), so first-versus-last compares
     * noise; a leak raises the floor.
     */
    public double growth() {
      int half = Math.max(1, liveHeapMibAfterRound.size() / 2);
      long first = liveHeapMibAfterRound.subList(0, half).stream().mapToLong(Long::longValue).min().orElse(0);
      long last = liveHeapMibAfterRound.subList(liveHeapMibAfterRound.size() - half, liveHeapMibAfterRound.size())
          .stream().mapToLong(Long::longValue).min().orElse(0);
      return first == 0 ? 0 : (double) (last - first) / first;
    }
  }

  private ChurnBenchmark() {}

  public static Result run(Options o) throws Exception {
    Files.createDirectories(o.workDir());
    EmbeddedApiServer embedded = null;
    RealControlPlane cp = null;
    Vertx vertx = Vertx.vertx();
    try {
      Path kubeconfig;
      String apiServer;
      if (o.realControlPlane()) {
        cp = RealControlPlane.start(RealControlPlaneOptions.builder().withControllerManager(true).build());
        kubeconfig = cp.kubeconfigPath();
        apiServer = "real kube-apiserver + etcd + kube-controller-manager";
      } else {
        embedded = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true)
            .withShutdownTimeout(Duration.ofSeconds(5)));
        kubeconfig = embedded.writeKubeconfig(o.workDir().resolve("kubeconfig"));
        apiServer = "embedded (fabric8 kubernetes-server-mock)";
      }
      FakeLiteLLM proxy = FakeLiteLLM.start(vertx, new FakeLiteLLMOptions()).toCompletionStage().toCompletableFuture()
          .get(1, TimeUnit.MINUTES);
      io.fabric8.kubernetes.client.Config clientConfig =
          io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig));
      clientConfig.setRequestTimeout((int) Duration.ofMinutes(1).toMillis()); // 1,000 namespaces load a 2-core server
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build()) {
        if (cp != null) {
          CrdManifests.install(client, Duration.ofMinutes(2));
        }
        List<String> operatorArgs = List.of("--kubeconfig=" + kubeconfig, "--operator-namespace=default",
            "--drift-interval=1h", "--resync-period=30m", "--backoff-cap=5s", "--secret-cache-ttl=5s");
        try (OperatorJvm operator = OperatorJvm.start(o.operatorJvmArgs(), operatorArgs, o.workDir().resolve("operator"),
            Duration.ofMinutes(3))) {
          List<Long> heap = new ArrayList<>();
          List<Double> seconds = new ArrayList<>();
          List<Map<String, Long>> memory = new ArrayList<>();
          for (int r = 1; r <= o.rounds(); r++) {
            long start = System.nanoTime();
            round(client, proxy, r, o.perRound(), o.roundTimeout());
            memory.add(settledMemory(operator));
            operator.fullGc();
            operator.fullGc(); // the second one also frees what the first one's reference processing released
            heap.add(operator.lastLiveHeapMib());
            seconds.add((System.nanoTime() - start) / 1e9);
            LOG.info("churn round {}/{}: {} namespaces created and deleted in {} s; operator live heap {} MiB; "
                + "memories {}", r, o.rounds(), o.perRound(), String.format("%.1f", seconds.get(r - 1)),
                heap.get(r - 1), memory.get(r - 1));
          }
          return new Result(apiServer, o.rounds(), o.perRound(), heap, seconds, memory);
        }
      } finally {
        proxy.close();
      }
    } finally {
      vertx.close();
      if (embedded != null) {
        embedded.close();
      }
      if (cp != null) {
        cp.close();
      }
    }
  }

  /**
   * One round: every namespace's objects created and deleted by {@link #DRIVER_THREADS} threads (one at a time takes
   * minutes at 1,000 namespaces), progress read by one list per check instead of a GET per namespace. Each phase's time
   * is logged: namespace deletion is the API server's and the controller-manager's work, not the operator's.
   */
  private static void round(KubernetesClient c, FakeLiteLLM proxy, int round, int n, Duration timeout)
      throws InterruptedException, TimeoutException {
    String prefix = "churn-" + round + "-";
    List<String> namespaces = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      namespaces.add(prefix + i);
    }
    long t0 = System.nanoTime();
    forEach(namespaces, ns -> {
      create(() -> c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create());
      create(() -> c.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("conn")
          .endMetadata().withStringData(Map.of("url", proxy.baseUrl(), "masterkey", proxy.options().masterKey()))
          .build()).create());
      create(() -> c.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("creds")
          .endMetadata().withStringData(Map.of("apiKey", "sk-" + ns)).build()).create());
      LiteLLMInstance inst = new LiteLLMInstance();
      inst.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("proxy").build());
      create(() -> c.resource(inst).create());
      create(() -> c.resource(model(ns)).create());
    });
    long t1 = System.nanoTime();
    awaitTrue("round " + round + ": every Model Ready", timeout, () -> models(c, prefix).stream()
        .filter(m -> m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")).count() == n);
    long t2 = System.nanoTime();
    forEach(namespaces, ns -> c.resources(Model.class).inNamespace(ns).withName("m").delete());
    awaitTrue("round " + round + ": every Model gone (finalizers run)", timeout, () -> models(c, prefix).isEmpty());
    long t3 = System.nanoTime();
    forEach(namespaces, ns -> {
      c.resources(LiteLLMInstance.class).inNamespace(ns).withName("proxy").delete();
      c.secrets().inNamespace(ns).delete();
      c.namespaces().withName(ns).delete();
    });
    awaitTrue("round " + round + ": every namespace gone", timeout, () -> c.namespaces().list().getItems().stream()
        .noneMatch(ns -> ns.getMetadata().getName().startsWith(prefix)));
    long t4 = System.nanoTime();
    awaitTrue("round " + round + ": LiteLLM emptied", timeout, () -> proxy.modelCount() == 0);
    LOG.info("churn round {}: create {} s, Ready {} s, Models deleted {} s, namespaces gone {} s", round,
        secs(t1 - t0), secs(t2 - t1), secs(t3 - t2), secs(t4 - t3));
    Thread.sleep(2000); // let the operator settle the last events (deleted keys are forgotten after their reconcile)
  }

  private static final int DRIVER_THREADS = 16;

  /**
   * A create that survives a loaded API server: a request that timed out may have been applied, so it is sent again
   * and an AlreadyExists answer counts as done (at most 5 tries).
   */
  private static void create(Runnable create) {
    for (int attempt = 1; ; attempt++) {
      try {
        create.run();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() == 409) {
          return;
        }
        if (attempt >= 5) {
          throw e;
        }
        LOG.info("churn driver: create failed ({}), try {} of 5", e.getMessage(), attempt + 1);
      }
    }
  }

  private static String secs(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }

  /** The round's Models, by one list across namespaces. */
  private static List<Model> models(KubernetesClient c, String namespacePrefix) {
    return c.resources(Model.class).inAnyNamespace().list().getItems().stream()
        .filter(m -> m.getMetadata().getNamespace().startsWith(namespacePrefix)).toList();
  }

  /** Runs {@code action} for every namespace on {@link #DRIVER_THREADS} threads; the first failure fails the round. */
  private static void forEach(List<String> namespaces, java.util.function.Consumer<String> action)
      throws InterruptedException {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(DRIVER_THREADS);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (String ns : namespaces) {
        done.add(pool.submit(() -> action.accept(ns)));
      }
      for (java.util.concurrent.Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("churn driver: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The operator's memory gauges once the per-object ones are empty, or as they stand after {@link #SETTLE} (secret
   * reads expire after the TTL the operator runs with; deleted keys are forgotten after their last reconcile).
   */
  private static Map<String, Long> settledMemory(OperatorJvm operator) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      PrometheusText metrics = operator.metrics();
      Map<String, Long> now = metrics.sumBy("litellm_operator_memory_entries", "holder");
      if (Double.isNaN(metrics.sum("litellm_operator_memory_entries", labels -> true))) {
        now.replaceAll((holder, n) -> -1L); // a gauge whose source is gone reads NaN: no measurement at all
      }
      boolean empty = PER_OBJECT_MEMORIES.stream().allMatch(h -> now.getOrDefault(h, -1L) == 0);
      if (empty || System.nanoTime() - deadline > 0) {
        return now;
      }
      Thread.sleep(500);
    }
  }

  /** A Model reaching the proxy through its namespace's connection Secret, with its own credentials Secret. */
  private static Model model(String ns) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("m").build());
    m.getSpec().modelName = "churn";
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.secretRef = new SecretRef(null, "conn");
    m.getSpec().modelSecretRef = new SecretRef(null, "creds");
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = "openai/gpt-4o";
    return m;
  }

  private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(1000);
    }
  }
}
