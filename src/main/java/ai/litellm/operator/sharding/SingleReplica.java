package ai.litellm.operator.sharding;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * No sharding: the replica watches the configured namespaces (all by default) and reconciles everything, either at
 * once or, with leader election, only while it leads (the informers run warm before that).
 */
public final class SingleReplica implements ShardingMode {
  private final Supplier<Future<Void>> watchConfigured;
  private final NamespaceGate gate;
  private final ShardMetrics metrics;
  private final LeaderElection election;

  public SingleReplica(Supplier<Future<Void>> watchConfigured, NamespaceGate gate, ShardMetrics metrics,
      LeaderElection electionOrNull) {
    this.watchConfigured = watchConfigured;
    this.gate = gate;
    this.metrics = metrics;
    this.election = electionOrNull;
  }

  @Override
  public Future<Void> start() {
    gate.openAll();
    return watchConfigured.get().onSuccess(v -> {
      if (election != null) {
        election.start(); // informers are synced: a warm stand-by
      } else {
        gate.setActive(true);
        metrics.leader(true);
      }
    });
  }

  @Override
  public Future<Void> stop(Duration maxWait) {
    if (election != null) {
      return election.stop(maxWait);
    }
    return Future.succeededFuture();
  }

  @Override
  public void abandon() {
    if (election != null) {
      election.abandon();
    }
    gate.fence(); // a crash: nothing of this replica runs on
  }
}
