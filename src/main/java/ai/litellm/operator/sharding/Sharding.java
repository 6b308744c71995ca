package ai.litellm.operator.sharding;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.BlockingBridge;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Builds the {@link ShardingMode} the configuration asks for. */
public final class Sharding {
  private Sharding() {}

  /** The gate the controllers are built with: fully open without sharding and leader election, closed otherwise. */
  public static NamespaceGate gate(OperatorConfig cfg, Vertx vertx) {
    if ("none".equals(mode(cfg)) && !cfg.leaderElection) {
      return NamespaceGate.allOpen(vertx);
    }
    return new NamespaceGate(vertx);
  }

  /**
   * @param bridge the process's bridge: Lease calls run on its control lane
   * @param leaseStores wraps the Lease store of ring mode and leader election (tests cut a replica off with it);
   *     identity in production
   */
  public static ShardingMode create(OperatorConfig cfg, Vertx vertx, KubernetesClient client, BlockingBridge bridge,
      MeterRegistry registry, NamespaceGate gate, NamespaceWorkers workers, Supplier<Future<Void>> watchConfigured,
      UnaryOperator<LeaseStore> leaseStores) {
    ShardMetrics metrics = new ShardMetrics(registry, workers::objectsCached);
    String mode = mode(cfg);
    return switch (mode) {
      case "none" -> new SingleReplica(watchConfigured, gate, metrics, cfg.leaderElection
          ? election(cfg, vertx, client, bridge, leaseStores, cfg.leaseName, gate, workers, metrics) : null);
      case "static" -> new StaticSharding(vertx, bridge, new StaticShard(cfg.shardIndex, cfg.shardCount),
          NamespaceSource.of(client, cfg.namespaces), gate, workers, metrics, cfg.leaderElection
              ? election(cfg, vertx, client, bridge, leaseStores, cfg.leaseName + "-shard-" + cfg.shardIndex, gate,
                  workers, metrics) : null, cfg.shardDrainTimeout);
      case "ring" -> new RingCoordinator(vertx, bridge, ShardingSettings.of(cfg), leaseStore(cfg, client, leaseStores),
          gate, workers, NamespaceSource.of(client, cfg.namespaces), metrics);
      default -> throw new IllegalArgumentException("unknown sharding mode '" + cfg.shardingMode
          + "' (none, ring, static)");
    };
  }

  private static LeaderElection election(OperatorConfig cfg, Vertx vertx, KubernetesClient client,
      BlockingBridge bridge, UnaryOperator<LeaseStore> leaseStores, String lease, NamespaceGate gate,
      NamespaceWorkers workers, ShardMetrics metrics) {
    return new LeaderElection(vertx, bridge, client, leaseStore(cfg, client, leaseStores), lease,
        ShardingSettings.of(cfg), gate, workers, metrics);
  }

  private static LeaseStore leaseStore(OperatorConfig cfg, KubernetesClient client,
      UnaryOperator<LeaseStore> leaseStores) {
    return leaseStores.apply(new KubeLeaseStore(client, cfg.operatorNamespace));
  }

  static String mode(OperatorConfig cfg) {
    return cfg.shardingMode == null ? "none" : cfg.shardingMode.trim().toLowerCase(Locale.ROOT);
  }
}
