package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.fail;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.testing.Await;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One fault scenario's fleet: its own namespace, {@value #PROXIES} fake LiteLLM proxies (each reached through a
 * connection Secret, {@code connectionRef.secretRef}) and {@value #MODELS} Models spread evenly over them. Nothing is
 * shared with another scenario but the cluster.
 */
final class FaultFleet implements AutoCloseable {
  static final int MODELS = 1_000;
  static final int PROXIES = 4;
  private static final int CREATE_THREADS = 8;
  private static final Duration POLL = Duration.ofSeconds(1);

  private final KubernetesClient admin;
  private final String namespace;
  private final Map<String, FakeLiteLLM> proxies = new LinkedHashMap<>();

  private FaultFleet(KubernetesClient admin, String namespace) {
    this.admin = admin;
    this.namespace = namespace;
  }

  /** Starts the proxies and writes their Secrets and the Models (no operator runs yet: nothing syncs). */
  static FaultFleet create(KubernetesClient admin, Vertx vertx, String namespace,
      Supplier<FakeLiteLLMOptions> proxyOptions) {
    FaultFleet fleet = new FaultFleet(admin, namespace);
    ClusterSetup.namespace(admin, namespace);
    for (int p = 0; p < PROXIES; p++) {
      FakeLiteLLM proxy = ModelFixtures.startFake(vertx, proxyOptions.get());
      String secret = "proxy-" + p;
      fleet.proxies.put(secret, proxy);
      SandboxFixture.secret(admin, namespace, secret, Map.of("url", proxy.baseUrl(), "masterkey",
          proxy.options().masterKey()));
    }
    fleet.createModels();
    return fleet;
  }

  private void createModels() {
    ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < MODELS; i++) {
        Model m = ModelFixtures.viaSecret(namespace, "model-" + i, "proxy-" + (i % PROXIES), "openai/model-" + i);
        created.add(pool.submit(() -> admin.resource(m).create()));
      }
      for (Future<?> f : created) {
        f.get(5, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new AssertionError("creating the fleet's Models failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  String namespace() {
    return namespace;
  }

  List<FakeLiteLLM> proxies() {
    return List.copyOf(proxies.values());
  }

  int rowsInLiteLLM() {
    return proxies.values().stream().mapToInt(FakeLiteLLM::modelCount).sum();
  }

  /** Waits until the proxies hold {@code rows} rows: the operator is that far into the fleet. */
  void awaitRows(int rows, Duration timeout) {
    Await.eventually(rows + " rows in LiteLLM", timeout, () -> rowsInLiteLLM() >= rows,
        () -> rowsInLiteLLM() + " rows");
  }

  /** The census from a consistent (quorum) list of the Models. */
  FleetCensus census() {
    return census(admin.resources(Model.class).inNamespace(namespace).list().getItems());
  }

  /** The census from the API server's watch cache (resourceVersion 0): cheap enough to poll every second. */
  private FleetCensus cachedCensus() {
    return census(admin.resources(Model.class).inNamespace(namespace)
        .list(new ListOptionsBuilder().withResourceVersion("0").build()).getItems());
  }

  private FleetCensus census(List<Model> models) {
    Map<String, List<JsonObject>> rows = new LinkedHashMap<>();
    proxies.forEach((secret, proxy) -> rows.put(secret, proxy.models()));
    return FleetCensus.of(models, rows);
  }

  /**
   * Polls until the fleet converged (every Model Ready on its own row, no duplicate id), confirmed by a consistent
   * list, and returns how long that took from {@code sinceNanos}; fails after {@code bound} with the last census.
   */
  Duration awaitConverged(long sinceNanos, Duration bound) {
    long deadline = sinceNanos + bound.toNanos();
    String last = "no census yet";
    while (System.nanoTime() - deadline < 0) {
      try {
        FleetCensus seen = cachedCensus();
        last = seen.toString();
        if (seen.converged(MODELS) && census().converged(MODELS)) {
          return Duration.ofNanos(System.nanoTime() - sinceNanos);
        }
      } catch (RuntimeException e) { // the API server may be down or restarting
        last = e.toString();
      }
      Await.sleep(POLL.toMillis());
    }
    return fail("the fleet of " + MODELS + " Models in " + namespace + " did not converge within " + bound
        + "; last seen: " + last);
  }

  @Override
  public void close() {
    proxies.values().forEach(p -> {
      try {
        p.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
    });
  }
}
