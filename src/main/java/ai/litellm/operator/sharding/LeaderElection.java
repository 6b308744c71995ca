package ai.litellm.operator.sharding;

import ai.litellm.operator.kube.BlockingBridge;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain leader election (fabric8 {@code LeaderElector} on a Lease) with a warm stand-by: the informers run before the
 * replica wins, the {@link NamespaceGate} lets reconciles through only while it leads. Winning replays the warm
 * caches (events seen as a stand-by were dropped by the gate); losing the lease (renewal failed for the renew
 * deadline) fences the gate at once and the replica goes back to being a stand-by and runs for election again.
 *
 * <p>The Lease lives in a {@link LeaseStore} ({@link LeaseStoreLock}), which reports every renewal to the gate: the
 * replica may work until the start of that renewal plus the renew deadline, and the gate enforces that deadline itself
 * (no reconcile starts after it, calls in flight end by it), not only when fabric8 notices the loss.
 */
public final class LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final Vertx vertx;
  private final BlockingBridge bridge;
  private final KubernetesClient client;
  private final LeaseStore store;
  private final String leaseName;
  private final ShardingSettings s;
  private final NamespaceGate gate;
  private final NamespaceWorkers workers;
  private final ShardMetrics metrics;
  private volatile boolean stopping;
  private volatile CompletableFuture<?> running;
  private volatile LeaderElector elector;

  /** @param store the Leases of the operator's namespace; fabric8's elector calls it from its own threads */
  public LeaderElection(Vertx vertx, BlockingBridge bridge, KubernetesClient client, LeaseStore store,
      String leaseName, ShardingSettings s, NamespaceGate gate, NamespaceWorkers workers, ShardMetrics metrics) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.client = client;
    this.store = store;
    this.leaseName = leaseName;
    this.s = s;
    this.gate = gate;
    this.workers = workers;
    this.metrics = metrics;
  }

  public void start() {
    if (stopping) {
      return;
    }
    var config = new LeaderElectionConfigBuilder().withName(leaseName)
        .withLock(new LeaseStoreLock(store, leaseName, s.identity(), s.renewDeadline(), gate::renewedUntil))
        .withLeaseDuration(s.leaseDuration()).withRenewDeadline(s.renewDeadline()).withRetryPeriod(s.retryPeriod())
        // Not on cancel: abandon() (a simulated crash) must leave the lease to expire; stop() releases explicitly.
        .withReleaseOnCancel(false)
        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
            leader -> LOG.info("{}: leader of {} is {}", s.identity(), leaseName, leader)))
        .build();
    LeaderElector le = client.leaderElector().withConfig(config).build();
    elector = le;
    CompletableFuture<?> f = le.start();
    running = f;
    f.whenComplete((r, e) -> {
      if (!stopping) {
        vertx.setTimer(s.retryPeriod().toMillis(), id -> start()); // lost it: stand by and run again
      }
    });
  }

  private void startedLeading() {
    LOG.info("{}: leading {}; reconciling", s.identity(), leaseName);
    gate.setActive(true);
    metrics.leader(true);
    workers.replay();
  }

  private void stoppedLeading() {
    gate.fence(); // running reconciles make no further LiteLLM call
    metrics.leader(false);
    if (!stopping) {
      metrics.renewFailed("leader");
      LOG.warn("{}: lost the lease {}; stopped reconciling, standing by", s.identity(), leaseName);
    }
  }

  /** Stops reconciling, drains, then releases the lease so a stand-by takes over at once. */
  public Future<Void> stop(Duration maxWait) {
    stopping = true;
    gate.setActive(false);
    metrics.leader(false);
    return gate.drainedAll(maxWait).transform(ar -> {
      CompletableFuture<?> f = running;
      if (f != null) {
        f.cancel(true);
      }
      gate.fence(); // renewals stop now: whatever outlived the drain makes no further call
      LeaderElector e = elector;
      if (e == null) {
        return Future.succeededFuture();
      }
      // release() is a blocking read + update of the Lease (only if we hold it): on the bridge. A released lease lets
      // a stand-by take over on its next retry instead of after the lease duration.
      return bridge.callControl(() -> {
        e.release();
        return null;
      })
          .onFailure(err -> LOG.warn("{}: could not release {}: {}", s.identity(), leaseName, err.toString()))
          .<Void>mapEmpty().recover(err -> Future.succeededFuture());
    });
  }

  /** Crash simulation: stops renewing without releasing, so the stand-bys wait for the lease to expire. */
  public void abandon() {
    stopping = true;
    gate.fence();
    CompletableFuture<?> f = running;
    if (f != null) {
      f.cancel(true);
    }
  }
}
