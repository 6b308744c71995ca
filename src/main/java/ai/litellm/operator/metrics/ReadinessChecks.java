package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named checks behind /readyz, fed by whoever knows the answer: the operator (informers synced) and, when sharding
 * or leader election runs, the ownership code ({@link #OWNERSHIP_KNOWN}: "this replica knows whether it leads / which
 * shards it owns"). Without sharding ownership is trivially known, so that check starts as "ok" and the sharding code
 * replaces it with {@link #register}. Each check is also a gauge {@code litellm_operator_ready{check}} (1 or 0; check
 * names are a small fixed set), so dashboards and alerts see what /readyz says.
 */
public final class ReadinessChecks implements Supplier<Map<String, Boolean>> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadinessChecks.class);

  /** Leader / shard-owner state is known (default true: a replica without sharding owns everything). */
  public static final String OWNERSHIP_KNOWN = "ownershipKnown";

  private final MeterRegistry registry;
  private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
  private final Map<String, Supplier<Map<String, Boolean>>> groups = new LinkedHashMap<>();

  public ReadinessChecks(MeterRegistry registry) {
    this.registry = registry;
    register(OWNERSHIP_KNOWN, () -> true);
  }

  /** Adds or replaces one check. Checks run on every /readyz and scrape: they must be cheap and non-blocking. */
  public synchronized ReadinessChecks register(String name, BooleanSupplier check) {
    boolean isNew = checks.put(name, check) == null;
    if (isNew) {
      Gauge.builder("litellm_operator_ready", () -> evaluate(name) ? 1 : 0)
          .description("1 when a readiness check passes, 0 when it fails (the checks behind /readyz)")
          .tag("check", name).register(registry);
    }
    return this;
  }

  /**
   * Adds a group of checks whose names are known only at run time (e.g. {@code Operator::readiness}); each name the
   * group reports the first time gets its gauge then.
   */
  public synchronized ReadinessChecks registerGroup(String groupName, Supplier<Map<String, Boolean>> group) {
    groups.put(groupName, group);
    for (String name : safely(groupName, group).keySet()) {
      if (!checks.containsKey(name)) {
        String check = name;
        register(check, () -> Boolean.TRUE.equals(safely(groupName, group).get(check)));
      }
    }
    return this;
  }

  /** Every check now; a check that throws counts as failing. */
  @Override
  public synchronized Map<String, Boolean> get() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    checks.keySet().forEach(name -> out.put(name, evaluate(name)));
    groups.forEach((groupName, group) -> safely(groupName, group).forEach(out::putIfAbsent));
    return out;
  }

  public boolean ready() {
    return get().values().stream().allMatch(Boolean::booleanValue);
  }

  private boolean evaluate(String name) {
    BooleanSupplier check;
    synchronized (this) {
      check = checks.get(name);
    }
    if (check == null) {
      return false;
    }
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.debug("readiness check {} failed: {}", name, e.toString());
      return false;
    }
  }

  private static Map<String, Boolean> safely(String groupName, Supplier<Map<String, Boolean>> group) {
    try {
      Map<String, Boolean> m = group.get();
      return m == null ? Map.of() : m;
    } catch (RuntimeException e) {
      LOG.debug("readiness group {} failed: {}", groupName, e.toString());
      return Map.of(groupName, false);
    }
  }
}
