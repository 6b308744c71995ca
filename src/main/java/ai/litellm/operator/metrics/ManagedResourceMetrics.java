package ai.litellm.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code litellm_operator_managed_resources{kind,condition,status}}: how many resources of a kind this replica
 * reconciles, by the status (True / False / Unknown; Unknown includes "no such condition yet") of each of its condition
 * types. The numbers come from the informer cache, not from reconcile bookkeeping, so they are right after a restart
 * and follow namespace hand-offs. Labels are fixed sets (kind, condition type, three statuses): no names, no
 * namespaces.
 *
 * <p>Only objects in namespaces this replica owns right now are counted: a warm stand-by behind leader election (or a
 * ring member's namespace being handed over) keeps its caches full but reports 0, so {@code sum()} over the replicas
 * of an install counts every object once (dashboards and alerts sum across pods).
 *
 * <p>One cache scan serves every gauge of a kind: the counts are recomputed at most once per {@code maxAge} (a scrape
 * reads 3 × conditions gauges; at 100k Models a scan is a few milliseconds, done on the scrape's worker thread).
 */
public final class ManagedResourceMetrics<T extends HasMetadata> {
  static final List<String> STATUSES = List.of("True", "False", "Unknown");

  private final Supplier<? extends Collection<T>> objects;
  private final Predicate<String> ownsNamespace;
  private final Function<T, List<Condition>> conditionsOf;
  private final List<String> conditionTypes;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private Map<String, long[]> counts = Map.of();
  private long computedAt;
  private boolean computed;

  ManagedResourceMetrics(Supplier<? extends Collection<T>> objects, Predicate<String> ownsNamespace,
      Function<T, List<Condition>> conditionsOf, List<String> conditionTypes, Duration maxAge, LongSupplier nanoTime) {
    this.objects = objects;
    this.ownsNamespace = ownsNamespace;
    this.conditionsOf = conditionsOf;
    this.conditionTypes = List.copyOf(conditionTypes);
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Registers the gauges of one kind.
   *
   * @param objects        the informer cache's current objects of the kind
   * @param ownsNamespace  whether this replica reconciles a namespace now (sharding.NamespaceGate#isOpen)
   * @param conditionsOf   an object's status conditions (null when it has no status yet)
   * @param conditionTypes the condition types to report, e.g. Ready and Synced
   */
  public static <T extends HasMetadata> ManagedResourceMetrics<T> register(MeterRegistry registry, String kind,
      Supplier<? extends Collection<T>> objects, Predicate<String> ownsNamespace,
      Function<T, List<Condition>> conditionsOf, List<String> conditionTypes) {
    ManagedResourceMetrics<T> m = new ManagedResourceMetrics<>(objects, ownsNamespace, conditionsOf, conditionTypes,
        Duration.ofSeconds(2), System::nanoTime);
    for (String type : m.conditionTypes) {
      for (int i = 0; i < STATUSES.size(); i++) {
        int statusIndex = i;
        Gauge.builder("litellm_operator_managed_resources", m, x -> x.count(type, statusIndex))
            .description("Resources this replica reconciles (namespaces it owns now), by kind and condition status")
            .tag("kind", kind).tag("condition", type).tag("status", STATUSES.get(i))
            .strongReference(true).register(registry);
      }
    }
    return m;
  }

  /** The number of objects whose condition {@code type} has status {@code status} (True, False or Unknown). */
  public long count(String type, String status) {
    int i = STATUSES.indexOf(status);
    if (i < 0) {
      throw new IllegalArgumentException("status must be one of " + STATUSES);
    }
    return (long) count(type, i);
  }

  private synchronized double count(String type, int statusIndex) {
    long now = nanoTime.getAsLong();
    if (!computed || now - computedAt >= maxAgeNanos) {
      counts = scan();
      computedAt = now;
      computed = true;
    }
    long[] byStatus = counts.get(type);
    return byStatus == null ? 0 : byStatus[statusIndex];
  }

  private Map<String, long[]> scan() {
    Map<String, long[]> out = new HashMap<>();
    conditionTypes.forEach(t -> out.put(t, new long[STATUSES.size()]));
    for (T obj : objects.get()) {
      if (!ownsNamespace.test(obj.getMetadata().getNamespace())) {
        continue;
      }
      List<Condition> conditions = conditionsOf.apply(obj);
      for (String type : conditionTypes) {
        out.get(type)[statusIndex(conditions, type)]++;
      }
    }
    return out;
  }

  private static int statusIndex(List<Condition> conditions, String type) {
    if (conditions != null) {
      for (Condition c : conditions) {
        if (type.equals(c.getType())) {
          if ("True".equals(c.getStatus())) {
            return 0;
          }
          return "False".equals(c.getStatus()) ? 1 : 2;
        }
      }
    }
    return 2;
  }
}
