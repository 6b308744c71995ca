package ai.litellm.operator.sharding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sharding metrics (names agreed with the observability dashboards). One operator process is one replica, so no
 * replica label: Prometheus' pod label tells them apart. Label values are small fixed sets.
 */
public final class ShardMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger namespacesOwned = new AtomicInteger();
  private final AtomicInteger members = new AtomicInteger();
  private final AtomicInteger leader = new AtomicInteger();
  private final Counter ringChanges;
  private final Map<String, Counter> handoffs = new ConcurrentHashMap<>();
  private final Map<String, Counter> renewFailures = new ConcurrentHashMap<>();

  public ShardMetrics(MeterRegistry registry, Supplier<Map<String, Integer>> objects) {
    this.registry = registry;
    Gauge.builder("litellm_operator_shard_namespaces_owned", namespacesOwned, AtomicInteger::get)
        .description("Namespaces this replica reconciles").register(registry);
    Gauge.builder("litellm_operator_shard_members", members, AtomicInteger::get)
        .description("Live replicas in the ring as this replica sees them").register(registry);
    Gauge.builder("litellm_operator_leader", leader, AtomicInteger::get)
        .description("1 while this replica may reconcile: it holds the leader Lease, or its shard member Lease is valid")
        .register(registry);
    for (String kind : new String[] {"Model", "LiteLLMInstance"}) {
      Gauge.builder("litellm_operator_shard_objects_owned", () -> objects.get().getOrDefault(kind, 0))
          .description("Objects in the informer caches of the namespaces this replica reconciles")
          .tag("kind", kind).register(registry);
    }
    ringChanges = Counter.builder("litellm_operator_shard_ring_changes")
        .description("Changes of the set of live ring members seen by this replica").register(registry);
    // Pre-registered at 0: the Sharding and HA dashboard's hand-off and renew-failure panels read 0, not "no data",
    // until the first event.
    for (String[] d : new String[][] {{"acquired", "handoff"}, {"acquired", "takeover"}, {"released", "handoff"},
        {"released", "fenced"}}) {
      handoffCounter(d[0], d[1]);
    }
    renewFailureCounter("member");
    renewFailureCounter("leader");
  }

  public void namespacesOwned(int n) {
    namespacesOwned.set(n);
  }

  public void members(int n) {
    members.set(n);
  }

  public void leader(boolean active) {
    leader.set(active ? 1 : 0);
  }

  public void ringChanged() {
    ringChanges.increment();
  }

  /** {@code direction}: acquired or released; {@code reason}: handoff (clean), takeover (expired holder), fenced. */
  public void handoff(String direction, String reason) {
    handoffCounter(direction, reason).increment();
  }

  private Counter handoffCounter(String direction, String reason) {
    return handoffs.computeIfAbsent(direction + "/" + reason, k -> Counter.builder("litellm_operator_shard_handoffs")
        .description("Namespaces that changed hands, from this replica's side").tag("direction", direction)
        .tag("reason", reason).register(registry));
  }

  /** {@code lease}: member or leader. */
  public void renewFailed(String lease) {
    renewFailureCounter(lease).increment();
  }

  private Counter renewFailureCounter(String lease) {
    return renewFailures.computeIfAbsent(lease, k -> Counter.builder("litellm_operator_lease_renew_failures")
        .description("Failed renewals of this replica's Lease").tag("lease", lease).register(registry));
  }

  public double handoffs(String direction, String reason) {
    Counter c = handoffs.get(direction + "/" + reason);
    return c == null ? 0 : c.count();
  }

  public double renewFailures(String lease) {
    Counter c = renewFailures.get(lease);
    return c == null ? 0 : c.count();
  }

  public double ringChanges() {
    return ringChanges.count();
  }
}
