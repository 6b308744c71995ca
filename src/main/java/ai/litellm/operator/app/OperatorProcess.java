package ai.litellm.operator.app;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.KubeClients;
import ai.litellm.operator.metrics.ManagementServer;
import ai.litellm.operator.metrics.Metrics;
import ai.litellm.operator.metrics.ReadinessChecks;
import ai.litellm.operator.sharding.LeaseStore;
import ai.litellm.operator.sharding.NamespaceGate;
import ai.litellm.operator.sharding.Sharding;
import ai.litellm.operator.sharding.ShardingMode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole operator process: its Vert.x (with metrics), the Prometheus registry, the fabric8 client, the one
 * {@link BlockingBridge} (every blocking call of the process runs there), the operator, the sharding mode and the
 * management server. `run`, the sandbox and the benchmark start one; tests may start several in one JVM.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  /** Bound of each graceful stop step (sharding hand-off, draining the controllers). */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
  /** Bound of the whole graceful stop: both steps and the management server, with room to spare. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** The readiness check that is false until {@link #start} has started the sharding mode (and so the informers). */
  public static final String STARTED = "started";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final KubernetesClient client;
  /** The client's own Vert.x (KubeClients.newClientVertx): closed after the client. */
  private final Vertx clientVertx;
  private final BlockingBridge bridge;
  private final Operator operator;
  private final ShardingMode sharding;
  private final ManagementServer management;
  private final int managementPort;
  private final ReadinessChecks readiness;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private OperatorProcess(Vertx vertx, PrometheusMeterRegistry registry, KubernetesClient client, Vertx clientVertx,
      BlockingBridge bridge, Operator operator, ShardingMode sharding, ManagementServer management, int managementPort,
      ReadinessChecks readiness) {
    this.vertx = vertx;
    this.registry = registry;
    this.client = client;
    this.clientVertx = clientVertx;
    this.bridge = bridge;
    this.operator = operator;
    this.sharding = sharding;
    this.management = management;
    this.managementPort = managementPort;
    this.readiness = readiness;
  }

  /**
   * Starts everything. Without sharding it waits until the informers of the configured namespaces are synced; with
   * sharding or leader election it waits until the replica joined (its namespaces and leadership arrive after).
   */
  public static OperatorProcess start(OperatorConfig cfg, Config kubeConfig, InstanceEndpoints endpoints) {
    return start(cfg, kubeConfig, endpoints, UnaryOperator.identity());
  }

  /** As above; {@code leaseStores} wraps the sharding Lease store (tests inject failing renewals with it). */
  public static OperatorProcess start(OperatorConfig cfg, Config kubeConfig, InstanceEndpoints endpoints,
      UnaryOperator<LeaseStore> leaseStores) {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = Metrics.vertx(registry, Metrics.vertxOptions(registry));
    Vertx clientVertx = KubeClients.newClientVertx();
    KubernetesClient client = KubeClients.create(KubeClients.tune(kubeConfig, cfg.kubeMaxConcurrentRequests),
        clientVertx);
    BlockingBridge bridge = new BlockingBridge(vertx, cfg.kubeThreads);
    try {
      NamespaceGate gate = Sharding.gate(cfg, vertx);
      Operator operator = await(Operator.create(cfg, vertx, client, bridge, registry, endpoints, gate));
      // The sharding / leader-election code replaces ReadinessChecks.OWNERSHIP_KNOWN through readinessChecks().
      // /readyz answers from here on (liveness must, during a long initial list), but says ready only once the
      // sharding mode has started: before that no informer exists, and "every informer synced" holds vacuously.
      AtomicBoolean started = new AtomicBoolean();
      ReadinessChecks readiness = new ReadinessChecks(registry).register(STARTED, started::get)
          .registerGroup("operator", operator::readiness);
      ManagementServer management = new ManagementServer(vertx, bridge, registry, readiness);
      int port = await(management.start(cfg.managementHost, cfg.managementPort));
      ShardingMode sharding = Sharding.create(cfg, vertx, client, bridge, registry, gate, operator,
          operator::watchConfiguredNamespaces, leaseStores);
      await(sharding.start());
      started.set(true);
      LOG.info("litellm-operator {} started: namespaces={}, sharding={}, leader election={}, management on port {}",
          cfg.identity, cfg.namespaces.isEmpty() ? "all" : cfg.namespaces, cfg.shardingMode, cfg.leaderElection, port);
      return new OperatorProcess(vertx, registry, client, clientVertx, bridge, operator, sharding, management, port,
          readiness);
    } catch (RuntimeException e) {
      bridge.close();
      client.close();
      clientVertx.close();
      vertx.close();
      throw e;
    }
  }

  /**
   * Waits for the graceful part of a stop on this (plain) thread, so the bound holds even when no event loop runs. A
   * stop that outlasts it is logged with every thread's stack: the rare stop that hung (seen in the sharding tests,
   * where a Vert.x timer bound on each step never fired either) shows where it waits.
   */
  private void awaitStop(io.vertx.core.Future<Void> stop) {
    try {
      stop.toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("{}: the graceful stop did not finish within {}; closing anyway. Threads:\n{}",
          operator.config().identity, STOP_TIMEOUT, ThreadDump.all());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("operator did not start within " + START_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public ShardingMode sharding() {
    return sharding;
  }

  public Operator operator() {
    return operator;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public KubernetesClient client() {
    return client;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The checks behind /readyz; ownership code registers {@link ReadinessChecks#OWNERSHIP_KNOWN} here. */
  public ReadinessChecks readinessChecks() {
    return readiness;
  }

  public int managementPort() {
    return managementPort;
  }

  /** Blocks until {@link #close()} ran (e.g. from the shutdown hook). */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /**
   * Simulates a crash (tests): nothing is released or drained, leases are left to expire, connections drop. Whatever
   * the other replicas must cope with when a pod is killed.
   */
  public void kill() {
    if (stopped.getCount() == 0) {
      return;
    }
    sharding.abandon();
    bridge.close();
    closeClientAndVertx();
    stopped.countDown();
  }

  /**
   * Graceful stop: in-flight reconciles finish (bounded), then informers, the bridge, client and Vert.x close. Blocks
   * the calling thread (a shutdown hook, a test), never an event loop: call it from a plain thread.
   */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      awaitStop(sharding.stop(STEP_TIMEOUT)
          .transform(ar -> operator.stop(STEP_TIMEOUT))
          .eventually(() -> management.stop()));
    } catch (RuntimeException e) {
      LOG.warn("unclean stop: {}", e.getMessage());
    } finally {
      try {
        // Everything that used the bridge has stopped; its running calls finish (bounded) before the client goes.
        bridge.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("bridge close: {}", e.toString());
      }
      closeClientAndVertx();
      stopped.countDown();
    }
  }

  /** The client, then its Vert.x, then the operator's Vert.x (each close bounded). */
  private void closeClientAndVertx() {
    client.close();
    for (Vertx v : new Vertx[] {clientVertx, vertx}) {
      try {
        v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("vert.x close: {}", e.toString());
      }
    }
  }
}
