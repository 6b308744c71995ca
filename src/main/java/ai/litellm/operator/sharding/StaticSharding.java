package ai.litellm.operator.sharding;

import ai.litellm.operator.kube.BlockingBridge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static mode: this replica reconciles the namespaces of its {@link StaticShard}, following namespaces as they come
 * and go. With leader election each index has its own leader Lease ({@code <leaseName>-shard-<index>}), warm
 * stand-bys, and the leader's fence (see {@link LeaderElection}). Without it the replica is active at once and has no
 * fence: only the deployment keeps two replicas of one index apart (sharding/DESIGN.md, "Static shards").
 */
public final class StaticSharding implements ShardingMode {
  private static final Logger LOG = LoggerFactory.getLogger(StaticSharding.class);

  private final Vertx vertx;
  private final BlockingBridge bridge;
  private final Context context;
  private final StaticShard shard;
  private final NamespaceSource source;
  private final NamespaceGate gate;
  private final NamespaceWorkers workers;
  private final ShardMetrics metrics;
  private final LeaderElection election;
  private final Duration drainTimeout;
  private final Set<String> watched = new HashSet<>();
  private final Set<String> busy = new HashSet<>();

  public StaticSharding(Vertx vertx, BlockingBridge bridge, StaticShard shard, NamespaceSource source,
      NamespaceGate gate, NamespaceWorkers workers, ShardMetrics metrics, LeaderElection electionOrNull,
      Duration drainTimeout) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.context = vertx.getOrCreateContext();
    this.shard = shard;
    this.source = source;
    this.gate = gate;
    this.workers = workers;
    this.metrics = metrics;
    this.election = electionOrNull;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    // Starting the Namespace informer blocks until its first list: on the bridge.
    context.runOnContext(v -> bridge.<Void>call(() -> {
      source.start(() -> context.runOnContext(x -> sync()));
      return null;
    }).onComplete(ar -> {
      sync();
      if (election != null) {
        election.start();
      } else {
        gate.setActive(true);
        metrics.leader(true);
      }
      started.handle(ar.mapEmpty());
    }));
    return started.future();
  }

  private void sync() {
    Set<String> all = source.namespaces();
    for (String ns : all) {
      if (shard.owns(ns) && watched.add(ns)) {
        gate.open(ns);
        busy.add(ns);
        workers.watch(ns).onComplete(ar -> busy.remove(ns));
      }
    }
    for (String ns : new ArrayList<>(watched)) {
      if (!all.contains(ns) && !busy.contains(ns)) {
        busy.add(ns);
        gate.close(ns);
        gate.drained(ns, drainTimeout).compose(v -> workers.unwatch(ns)).onComplete(ar -> {
          busy.remove(ns);
          if (ar.succeeded()) {
            watched.remove(ns);
          } else {
            LOG.warn("namespace {} not released yet: {}", ns, ar.cause().toString());
          }
        });
      }
    }
    metrics.namespacesOwned(watched.size());
  }

  @Override
  public Future<Void> stop(Duration maxWait) {
    source.stop();
    if (election != null) {
      return election.stop(maxWait);
    }
    gate.setActive(false);
    return gate.drainedAll(maxWait).recover(e -> Future.succeededFuture());
  }

  @Override
  public void abandon() {
    source.stop();
    if (election != null) {
      election.abandon();
    }
    gate.fence(); // a crash: nothing of this replica runs on
  }

  public Set<String> watched() {
    return Set.copyOf(new ArrayList<>(watched));
  }
}
