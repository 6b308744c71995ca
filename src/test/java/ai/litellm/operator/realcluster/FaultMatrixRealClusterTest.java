package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Await;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault matrix (issue #13, point 6): the real operator ({@link RealOperator}, the code of {@code litellm-operator
 * run}) syncs {@value FaultFleet#MODELS} Models to {@value FaultFleet#PROXIES} fake LiteLLM proxies on a real control
 * plane, and one fault strikes once {@value #FAULT_AT_ROWS} of them are in LiteLLM. Afterwards, and after two drift
 * passes: no id twice (no two rows for one Model, no two Models on one row), no orphan row with the operator's marker,
 * no Model stuck (every one Ready, its status.modelId naming its own row), and every Model Ready within the fault's
 * bound. Each fault gets its own namespace, proxies and operator process. The table of all faults is printed at the
 * end (and written to target/fault-matrix.md); docs/testing.md keeps the measured one.
 */
@RealCluster(controllerManager = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixRealClusterTest {
  /** The fault strikes once this many rows are in LiteLLM: the operator is in the middle of the fleet. */
  static final int FAULT_AT_ROWS = 300;
  /**
   * Every Model Ready within this long after the fault ended (for a fault that stays: after it began). Measured on the
   * loaded 2-core machine: at most 118 s (docs/testing.md).
   */
  static final Duration BOUND = Duration.ofMinutes(5);
  /** The bound for a proxy that answers in 20 s (measured: 262 s; 1,000 Models at 32 calls in flight per proxy). */
  static final Duration SLOW_PROXY_BOUND = Duration.ofMinutes(10);
  private static final Duration DRIFT_PASS_TIMEOUT = Duration.ofMinutes(3);
  private static final FaultMatrixReport REPORT = new FaultMatrixReport();
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  static RealControlPlane cp;
  static KubernetesClient admin;
  static RealOperator operator;
  static Vertx vertx;
  /** The running scenario's sampler of what the operator showed. */
  static OperatorSignals signals;

  @BeforeAll
  static void prepare(RealControlPlane controlPlane, KubernetesClient client) {
    cp = controlPlane;
    admin = client;
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    REPORT.print();
    if (operator != null) {
      operator.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  /**
   * The production defaults, watching only the scenario's namespace, with a 30 s drift interval and a 10 s
   * consistency grace (defaults 3 min and 60 s) so a forgotten model is found within the scenario.
   */
  static OperatorConfig config(String namespace) {
    OperatorConfig cfg = new OperatorConfig();
    cfg.operatorNamespace = RealOperator.OPERATOR_NAMESPACE;
    cfg.namespaces = List.of(namespace);
    cfg.managementHost = "127.0.0.1";
    cfg.managementPort = 0;
    cfg.driftInterval = Duration.ofSeconds(30);
    cfg.consistencyGrace = Duration.ofSeconds(10);
    return cfg;
  }

  @Test
  @Order(1)
  void apiServerRestarted() {
    scenario("API server restarted", "apiserver-restart", BOUND, o -> o, true, fleet -> {
      cp.stopApiServer();
      cp.startApiServer();
    });
  }

  @Test
  @Order(2)
  void watchesExpiredByACompactedEtcd() {
    FaultMatrixReport.Row row = scenario("Watch expiry (410 Gone, etcd compacted)", "watch-expiry",
        BOUND, o -> o, fleet -> cp.expireWatchesByCompaction());
    assertTrue(row.informerGone() > 0, "no informer of the operator saw 410 Gone: the fault did not happen");
  }

  @Test
  @Order(3)
  void apiServerDownForAMinute() {
    scenario("API server down 60 s", "apiserver-down", BOUND, o -> o, true, fleet -> {
      cp.stopApiServer();
      Await.sleep(Duration.ofSeconds(60).toMillis());
      cp.startApiServer();
    });
  }

  @Test
  @Order(4)
  void proxiesRestartedWithAnEmptyDatabase() {
    scenario("Proxy restarted, empty database", "proxy-empty-db", BOUND, o -> o, fleet -> {
      for (FakeLiteLLM proxy : fleet.proxies()) {
        await(proxy.stopServer());
        proxy.forgetAllModels();
      }
      Await.sleep(Duration.ofSeconds(5).toMillis()); // the pod restarting
      fleet.proxies().forEach(proxy -> await(proxy.restartServer()));
    });
  }

  @Test
  @Order(5)
  void fivePercentOfProxyAnswersLostAfterCommit() {
    scenario("5 % of answers lost after commit", "lost-answers", BOUND, o -> o, fleet ->
        fleet.proxies().forEach(proxy -> proxy.options().lostWriteFraction(0.05)));
  }

  @Test
  @Order(6)
  void proxiesAnsweringInTwentySeconds() {
    scenario("Proxy answers in 20 s", "slow-proxy", SLOW_PROXY_BOUND, o -> o, fleet ->
        fleet.proxies().forEach(proxy -> proxy.options().latencyMs(20_000)));
  }

  @Test
  @Order(7)
  void operatorKilledInTheMiddleOfTheFleet() {
    scenario("Operator killed mid-fleet", "operator-killed", BOUND, o -> o, fleet -> {
      signals.killing(operator.process()); // its last counts; its informers stopping as it dies are no signal
      operator.kill();
      operator.start(config(fleet.namespace()));
    });
  }

  /**
   * Runs one fault: a fresh namespace with its proxies and Models, an operator watching only it, the fault once
   * {@value #FAULT_AT_ROWS} rows are in LiteLLM, then the waits and counts. Adds the outcome to the table, failed or
   * not.
   *
   * @param inject blocks for as long as the fault lasts (returns at once for a fault that stays)
   */
  private static FaultMatrixReport.Row scenario(String fault, String id, Duration bound,
      UnaryOperator<FakeLiteLLMOptions> proxyOptions, Consumer<FaultFleet> inject) {
    return scenario(fault, id, bound, proxyOptions, false, inject);
  }

  /**
   * As above; {@code apiServerStarts}: the fault starts the API server again, whose RBAC authorizer denies requests
   * until its caches have synced (as a real one does after a restart). Those 403s are the fault's, not missing
   * permissions: they are counted, not failed on (the chart's RBAC is proved by the other classes of the tier).
   */
  private static FaultMatrixReport.Row scenario(String fault, String id, Duration bound,
      UnaryOperator<FakeLiteLLMOptions> proxyOptions, boolean apiServerStarts, Consumer<FaultFleet> inject) {
    int deniedBefore = operator.rbacDenials().size();
    String ns = "fault-" + id + "-" + ATTEMPTS.incrementAndGet(); // a rerun must not find the last attempt's Models
    boolean stays = false;
    Duration lasted = null;
    Duration afterFault = null;
    Duration whole = null;
    FleetCensus census = null;
    long created = System.nanoTime();
    try (FaultFleet fleet = FaultFleet.create(admin, vertx, ns, () -> proxyOptions.apply(proxy()));
        InformerGoneCounter gone = InformerGoneCounter.watch(ns)) {
      try {
        long started = System.nanoTime();
        System.out.printf("fault '%s': %d Models created in %d ms%n", fault, FaultFleet.MODELS,
            (started - created) / 1_000_000);
        operator.start(config(ns));
        signals = OperatorSignals.sample(operator::process);
        fleet.awaitRows(FAULT_AT_ROWS, ClusterSetup.WAIT);
        int rowsAtFault = fleet.rowsInLiteLLM();
        assertTrue(rowsAtFault < FaultFleet.MODELS, "the fleet was in LiteLLM before the fault struck");
        long faultStart = System.nanoTime();
        inject.accept(fleet);
        long faultEnd = System.nanoTime();
        lasted = Duration.ofNanos(faultEnd - faultStart);
        stays = lasted.toMillis() < 100;
        System.out.printf("fault '%s' struck at %d rows, lasted %d ms%n", fault, rowsAtFault, lasted.toMillis());
        afterFault = fleet.awaitConverged(faultEnd, bound);
        whole = Duration.ofNanos(System.nanoTime() - started);
        for (int pass = 0; pass < 2; pass++) { // an orphan is deleted when two consecutive passes saw it
          await(operator.process().operator().models().runDriftPass(), DRIFT_PASS_TIMEOUT);
        }
        census = fleet.census();
        signals.close();
        System.out.printf("fault '%s': all Ready %d ms after it, fleet %d ms; %s; informer 410s: %d; %s%n", fault,
            afterFault.toMillis(), whole.toMillis(), census, gone.count(), signals.summary());
        assertEquals(FaultFleet.MODELS, census.models());
        assertEquals(0, census.duplicateIds(), "duplicate ids: " + census);
        assertEquals(0, census.orphans(), "orphans with the operator's marker: " + census);
        assertEquals(0, census.stuck(), "Models stuck: " + census);
        List<String> allDenied = operator.rbacDenials();
        List<String> denied = allDenied.subList(deniedBefore, allDenied.size());
        System.out.printf("fault '%s': %d RBAC denials while the API server started%n", fault, denied.size());
        if (!apiServerStarts) {
          assertEquals(List.of(), denied, "RBAC refused the operator");
        }
        FaultMatrixReport.Row row =
            new FaultMatrixReport.Row(fault, stays ? null : lasted, afterFault, bound, whole, census, gone.count(),
                signals.summary(), null);
        REPORT.add(row);
        return row;
      } catch (AssertionError | RuntimeException e) {
        OperatorSignals.Summary seen = null;
        if (signals != null) {
          signals.close();
          seen = signals.summary();
        }
        REPORT.add(new FaultMatrixReport.Row(fault, stays ? null : lasted, afterFault, bound, whole, census,
            gone.count(), seen, e.getMessage()));
        throw e;
      } finally {
        if (signals != null) {
          signals.close();
          signals = null;
        }
        operator.stop();
      }
    }
  }

  /** The proxies' base options: a fast proxy (10 ms a call) that the faults then change. */
  private static FakeLiteLLMOptions proxy() {
    return new FakeLiteLLMOptions().latencyMs(10);
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    return await(f, Duration.ofSeconds(30));
  }

  private static <T> T await(io.vertx.core.Future<T> f, Duration timeout) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete within " + timeout + ": " + e, e);
    }
  }
}
