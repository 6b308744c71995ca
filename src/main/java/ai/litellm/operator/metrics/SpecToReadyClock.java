package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code litellm_operator_spec_to_ready_seconds{kind}}: the time from the informer delivering a new generation of an
 * object (created or spec changed) to the operator writing Ready=True for that generation: queue wait, retries, LiteLLM
 * and Kubernetes calls all included (timebertt's "SLO 2"). A newer generation seen before the older one became Ready
 * restarts the clock; a deletion drops it.
 *
 * <p>Memory: one entry per object with a change in flight, removed when Ready is written or the object is deleted; at
 * most {@code maxTracked} entries (changes beyond that are not timed and are counted in
 * {@code litellm_operator_spec_to_ready_untracked_total}), so a fleet that never gets Ready cannot grow the map without
 * bound.
 */
public final class SpecToReadyClock {
  /** SLO-style buckets: sub-second for a quiet operator, minutes for a 100k-object startup flood. */
  static final Duration[] BUCKETS = {
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofMinutes(30)};

  private record Pending(long generation, long seenNanos) {}

  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final Timer timer;
  private final Counter untracked;
  private final int maxTracked;
  private final LongSupplier nanoTime;

  public SpecToReadyClock(MeterRegistry registry, String kind, int maxTracked) {
    this(registry, kind, maxTracked, System::nanoTime);
  }

  /** @param nanoTime the clock (tests pass a controllable one) */
  public SpecToReadyClock(MeterRegistry registry, String kind, int maxTracked, LongSupplier nanoTime) {
    this.timer = Timer.builder("litellm_operator_spec_to_ready")
        .description("Time from a new generation seen by the informer to Ready=True written for it")
        .tag("kind", kind).serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
        .register(registry);
    this.untracked = Counter.builder("litellm_operator_spec_to_ready_untracked")
        .description("Spec changes not timed because too many changes were already in flight")
        .tag("kind", kind).register(registry);
    this.maxTracked = maxTracked;
    this.nanoTime = nanoTime;
  }

  /** A generation of {@code key} was seen that is not Ready yet. */
  public void changeSeen(String key, long generation) {
    if (pending.size() >= maxTracked && !pending.containsKey(key)) {
      untracked.increment();
      return;
    }
    Pending now = new Pending(generation, nanoTime.getAsLong());
    pending.merge(key, now, (old, neu) -> neu.generation() > old.generation() ? neu : old);
  }

  /** Ready=True was written (or found) for {@code generation} of {@code key}: stops its clock, if one runs. */
  public void ready(String key, long generation) {
    Pending p = pending.get(key);
    if (p != null && p.generation() <= generation && pending.remove(key, p)) {
      timer.record(nanoTime.getAsLong() - p.seenNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** The object is gone: it will never become Ready. */
  public void forget(String key) {
    pending.remove(key);
  }

  /** Changes in flight (for tests and the benchmark). */
  public int inFlight() {
    return pending.size();
  }
}
