package ai.litellm.operator.bench;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
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
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret rotation latency (issue #14 point 3): {@code --models} Models read one credentials Secret; the bench rotates
 * it {@code --rotations} times and measures, for every Model, the time from the Secret update to the fake LiteLLM
 * holding the new value ({@link RotationLatencies}), and counts the LiteLLM and Kubernetes requests each rotation
 * caused. With {@code --credentials N} (issue #17.4) the Models carry no key: they name one of N Credentials
 * (round-robin), each reading its own Secret; the bench rotates the first one's Secret and measures the time until
 * LiteLLM's credential holds the new value (one sample per rotation: one credential serves all its Models). The operator runs as its own process (the production {@code run} command) with the resync period and the
 * Secret cache TTL at their defaults: what is measured is the Secret watch, not a short resync.
 */
public final class RotationBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RotationBenchmark.class);
  static final String NAMESPACE = "rotation";
  private static final String CONNECTION = "litellm-connection";
  private static final String CREDENTIALS = "provider-credentials";

  /** @param credentials 0: every Model reads the Secret itself; N: the Models use N Credentials */
  public record Options(int models, int rotations, boolean realControlPlane, List<String> operatorJvmArgs,
      Duration timeout, Path workDir, int credentials) {
    public Options(int models, int rotations, boolean realControlPlane, List<String> operatorJvmArgs,
        Duration timeout, Path workDir) {
      this(models, rotations, realControlPlane, operatorJvmArgs, timeout, workDir, 0);
    }
  }

  /** One rotation: latency percentiles over its Models and the requests it caused. */
  public record Rotation(double p50Ms, double p99Ms, double maxMs, long litellmWrites, Map<String, Long> litellmCalls,
      Map<String, Long> kubernetesRequests) {
    JsonObject json() {
      return new JsonObject().put("p50_ms", p50Ms).put("p99_ms", p99Ms).put("max_ms", maxMs)
          .put("litellm_writes", litellmWrites).put("litellm_calls", new JsonObject(new java.util.TreeMap<>(
              litellmCalls))).put("kubernetes_requests", new JsonObject(new java.util.TreeMap<>(kubernetesRequests)));
    }
  }

  /** Percentiles over every Model of every rotation, and each rotation on its own. */
  public record Result(String apiServer, int models, double p50Ms, double p99Ms, double maxMs, int samples,
      List<Rotation> rotations) {
    public JsonObject json() {
      return new JsonObject().put("api_server", apiServer).put("models", models).put("samples", samples)
          .put("p50_ms", p50Ms).put("p99_ms", p99Ms).put("max_ms", maxMs)
          .put("rotations", new io.vertx.core.json.JsonArray(rotations.stream().map(Rotation::json).toList()));
    }
  }

  private RotationBenchmark() {}

  public static Result run(Options o) throws Exception {
    Files.createDirectories(o.workDir());
    EmbeddedApiServer embedded = null;
    RealControlPlane cp = null;
    Vertx vertx = Vertx.vertx();
    try {
      Path kubeconfig;
      String apiServer;
      if (o.realControlPlane()) {
        cp = RealControlPlane.start(RealControlPlaneOptions.builder().withControllerManager(false).build());
        kubeconfig = cp.kubeconfigPath();
        apiServer = "real kube-apiserver + etcd";
      } else {
        embedded = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true)
            .withShutdownTimeout(Duration.ofSeconds(5)));
        kubeconfig = embedded.writeKubeconfig(o.workDir().resolve("kubeconfig"));
        apiServer = "embedded (fabric8 kubernetes-server-mock)";
      }
      FakeLiteLLM proxy = FakeLiteLLM.start(vertx, new FakeLiteLLMOptions()).toCompletionStage().toCompletableFuture()
          .get(1, TimeUnit.MINUTES);
      io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(
          Files.readString(kubeconfig));
      // A list of 10,000 Models from an API server busy with the operator's writes takes longer than fabric8's 10 s.
      config.setRequestTimeout((int) Duration.ofMinutes(2).toMillis());
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        if (cp != null) {
          CrdManifests.install(client, Duration.ofMinutes(2));
        }
        createFleet(client, proxy, o.models(), o.credentials(), o.timeout());
        // Defaults for --resync-period and --secret-cache-ttl on purpose; no drift pass during the run.
        List<String> operatorArgs = List.of("--kubeconfig=" + kubeconfig, "--operator-namespace=default",
            "--drift-interval=1h");
        try (OperatorJvm operator = OperatorJvm.start(o.operatorJvmArgs(), operatorArgs, o.workDir().resolve("operator"),
            Duration.ofMinutes(3))) {
          awaitTrue("every Model Ready and in LiteLLM", o.timeout(), 1000, () -> proxy.modelCount() == o.models()
              && readyCount(client) == o.models());
          awaitSettled(operator, o.timeout());
          LatencySamples all = new LatencySamples();
          List<Rotation> rotations = new ArrayList<>();
          for (int r = 1; r <= o.rotations(); r++) {
            rotations.add(rotate(client, proxy, operator, r, o, all));
          }
          return new Result(apiServer, o.models(), all.percentileMs(0.50), all.percentileMs(0.99),
              all.percentileMs(1.0), all.size(), rotations);
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

  private static Rotation rotate(KubernetesClient c, FakeLiteLLM proxy, OperatorJvm operator, int round, Options o,
      LatencySamples all) throws Exception {
    String key = "sk-rotated-" + round;
    LiteLLMCallCounts callsBefore = LiteLLMCallCounts.of(List.of(proxy));
    Map<String, Long> kubeBefore = operator.kubeRequestsByVerb();
    Instant updatedAt = Instant.now();
    if (o.credentials() > 0) {
      return rotateCredential(c, proxy, operator, round, o, all, key, callsBefore, kubeBefore, updatedAt);
    }
    KubeWrites.withRetries(() -> c.secrets().inNamespace(NAMESPACE).resource(credentials(key)).update());
    // Polled slowly: a poll decrypts every row under the fake's lock. The latencies come from its call log.
    awaitTrue("rotation " + round + " in LiteLLM", o.timeout(), 250, () -> proxy.models().stream()
        .allMatch(row -> key.equals(row.getJsonObject("litellm_params").getString("api_key"))));
    awaitSettled(operator, o.timeout());
    List<JsonObject> rows = proxy.models();
    Map<String, Long> byId = RotationLatencies.byModelId(proxy.calls(), updatedAt);
    LatencySamples samples = new LatencySamples();
    for (JsonObject row : rows) {
      Long ms = byId.get(row.getJsonObject("model_info").getString("id"));
      if (ms == null) {
        throw new IllegalStateException("rotation " + round + ": model " + row.getString("model_name")
            + " holds the new value but no write of it after the update was recorded");
      }
      samples.add(ms * 1_000_000);
      all.add(ms * 1_000_000);
    }
    LiteLLMCallCounts calls = LiteLLMCallCounts.of(List.of(proxy)).minus(callsBefore);
    Map<String, Long> kube = KubeWrites.minus(operator.kubeRequestsByVerb(), kubeBefore);
    Rotation result = new Rotation(samples.percentileMs(0.50), samples.percentileMs(0.99), samples.percentileMs(1.0),
        calls.writes(), calls.byEndpoint(), kube);
    LOG.info("rotation {}/{}: p50 {} ms, p99 {} ms, max {} ms; LiteLLM {}; Kubernetes {}", round, o.rotations(),
        fmt(result.p50Ms()), fmt(result.p99Ms()), fmt(result.maxMs()), calls.byEndpoint(), kube);
    return result;
  }

  /**
   * One rotation of the first Credential's Secret: the latency is from the Secret update to the end of the credential
   * write that carried the new value (the fake's call log), checked against the stored value.
   */
  private static Rotation rotateCredential(KubernetesClient c, FakeLiteLLM proxy, OperatorJvm operator, int round,
      Options o, LatencySamples all, String key, LiteLLMCallCounts callsBefore, Map<String, Long> kubeBefore,
      Instant updatedAt) throws Exception {
    String name = credentialName(0);
    KubeWrites.withRetries(() -> c.secrets().inNamespace(NAMESPACE).resource(credentials(credentialSecret(0), key))
        .update());
    awaitTrue("rotation " + round + " in LiteLLM's credential", o.timeout(), 50, () -> proxy.credentials().stream()
        .anyMatch(j -> name.equals(j.getString("credential_name"))
            && key.equals(j.getJsonObject("credential_values").getString("api_key"))));
    awaitSettled(operator, o.timeout());
    Instant written = proxy.calls().stream()
        .filter(x -> x.path().equals("/credentials/" + name) || x.path().equals("/credentials"))
        .filter(x -> !x.method().equals("GET") && x.status() == 200 && !x.received().isBefore(updatedAt))
        .map(x -> x.time()).min(Instant::compareTo).orElseThrow(() -> new IllegalStateException("rotation " + round
            + ": the credential holds the new value but no write of it after the update was recorded"));
    long nanos = Duration.between(updatedAt, written).toNanos();
    LatencySamples samples = new LatencySamples();
    samples.add(nanos);
    all.add(nanos);
    LiteLLMCallCounts calls = LiteLLMCallCounts.of(List.of(proxy)).minus(callsBefore);
    Map<String, Long> kube = KubeWrites.minus(operator.kubeRequestsByVerb(), kubeBefore);
    Rotation result = new Rotation(samples.percentileMs(0.50), samples.percentileMs(0.99), samples.percentileMs(1.0),
        calls.writes(), calls.byEndpoint(), kube);
    LOG.info("rotation {}/{} of credential {} ({} Models on {} Credentials): {} ms; LiteLLM {}; Kubernetes {}", round,
        o.rotations(), name, o.models(), o.credentials(), fmt(result.p50Ms()), calls.byEndpoint(), kube);
    return result;
  }

  private static void createFleet(KubernetesClient c, FakeLiteLLM proxy, int models, int credentialCount,
      Duration timeout) throws Exception {
    if (credentialCount > 0) {
      KubeWrites.withRetries(() -> c.namespaces().resource(ModelFleetObjects.namespace(NAMESPACE)).create());
      connectionSecret(c, proxy);
      for (int i = 0; i < credentialCount; i++) {
        int n = i;
        KubeWrites.withRetries(() -> c.secrets().inNamespace(NAMESPACE).resource(credentials(credentialSecret(n),
            "sk-rotated-0")).create());
        KubeWrites.withRetries(() -> c.resource(credential(n)).create());
      }
      WorkerPool.runAll(models, 8, timeout, i -> KubeWrites.withRetries(() -> c.resource(
          modelUsing(i, credentialName(i % credentialCount))).create()));
      return;
    }
    KubeWrites.withRetries(() -> c.namespaces().resource(ModelFleetObjects.namespace(NAMESPACE)).create());
    connectionSecret(c, proxy);
    KubeWrites.withRetries(() -> c.secrets().inNamespace(NAMESPACE).resource(credentials("sk-rotated-0")).create());
    WorkerPool.runAll(models, 8, timeout, i -> KubeWrites.withRetries(() -> c.resource(model(i)).create()));
  }

  private static io.fabric8.kubernetes.api.model.Secret credentials(String apiKey) {
    return credentials(CREDENTIALS, apiKey);
  }

  private static io.fabric8.kubernetes.api.model.Secret credentials(String name, String apiKey) {
    return new SecretBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name).endMetadata()
        .withStringData(Map.of("apiKey", apiKey)).build();
  }

  private static void connectionSecret(KubernetesClient c, FakeLiteLLM proxy) throws Exception {
    KubeWrites.withRetries(() -> c.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
        .withName(CONNECTION).endMetadata().withStringData(Map.of("url", proxy.baseUrl(), "masterkey",
            proxy.options().masterKey())).build()).create());
  }

  private static String credentialName(int i) {
    return "provider-" + i;
  }

  private static String credentialSecret(int i) {
    return "provider-" + i + "-key";
  }

  private static Credential credential(int i) {
    Credential cr = new Credential();
    cr.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(credentialName(i)).build());
    cr.getSpec().connectionRef = new ConnectionRef();
    cr.getSpec().connectionRef.secretRef = new SecretRef(null, CONNECTION);
    cr.getSpec().secretRef = new CredentialSecretRef();
    cr.getSpec().secretRef.secretName = credentialSecret(i);
    return cr;
  }

  private static Model modelUsing(int i, String credential) {
    Model m = model(i);
    m.getSpec().modelSecretRef = null;
    m.getSpec().litellmParams.litellmCredentialName = credential;
    return m;
  }

  private static Model model(int i) {
    String name = String.format(Locale.ROOT, "m-%06d", i);
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
    m.getSpec().modelName = "rotation-" + name;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.secretRef = new SecretRef(null, CONNECTION);
    m.getSpec().modelSecretRef = new SecretRef(null, CREDENTIALS);
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = ModelFleetObjects.PROVIDER_MODEL;
    return m;
  }

  private static long readyCount(KubernetesClient c) {
    return c.resources(Model.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(m -> m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")).count();
  }

  /** Waits until the operator's request counters stand still for two seconds (its status writes are done). */
  private static void awaitSettled(OperatorJvm operator, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> last = operator.kubeRequestsByVerb();
    int still = 0;
    while (still < 4) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("the operator's Kubernetes requests did not settle within " + timeout);
      }
      Thread.sleep(500);
      Map<String, Long> now = operator.kubeRequestsByVerb();
      still = now.equals(last) ? still + 1 : 0;
      last = now;
    }
  }

  private static void awaitTrue(String what, Duration timeout, long pollMillis, BooleanSupplier condition)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(pollMillis);
    }
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.0f", ms);
  }
}
