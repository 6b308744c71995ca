package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code litellm_operator_spec_to_ready_seconds{kind}}: the time from the informer delivering a new generation of an
 * object (created or spec changed) to the operator writing Ready=True for that generation: queue wait, retries, LiteLLM
 * and Kubernetes calls all included (timebertt's "SLO 2").
 *
 * <p>It keeps no memory of its own: the event log records, per key, when it first saw the key's latest generation
 * ({@code ReconcileRequest.generationSeenAtMillis}); the reconciler records an observation when its status write turns
 * Ready=True for exactly that generation. A newer generation seen meanwhile restarts the clock (the older Ready does
 * not count), and a deleted object simply never becomes Ready.
 */
public final class SpecToReadyClock {
  /** SLO-style buckets: sub-second for a quiet operator, minutes for a 100k-object startup flood. */
  static final Duration[] BUCKETS = {
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofMinutes(30)};

  private final Timer timer;
  private final LongSupplier nowMillis;

  public SpecToReadyClock(MeterRegistry registry, String kind) {
    this(registry, kind, System::currentTimeMillis);
  }

  /** @param nowMillis the wall clock (the log stamps events with wall-clock time; tests pass a controllable one) */
  public SpecToReadyClock(MeterRegistry registry, String kind, LongSupplier nowMillis) {
    this.timer = Timer.builder("litellm_operator_spec_to_ready")
        .description("Time from a new generation seen by the informer to Ready=True written for it")
        .tag("kind", kind).serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
        .register(registry);
    this.nowMillis = nowMillis;
  }

  /** Ready=True was just written for a generation first seen at {@code seenAtMillis} (wall clock). */
  public void record(long seenAtMillis) {
    timer.record(Math.max(0, nowMillis.getAsLong() - seenAtMillis), TimeUnit.MILLISECONDS);
  }

  public long count() {
    return timer.count();
  }
}
