package ai.litellm.operator.metrics;

import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.Limiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The downstream limiters' state, per limiter class ("litellm", "kubernetes-writes"):
 * <ul>
 *   <li>{@code litellm_operator_limiter_concurrency_limit{limiter,stat}} — the calls each downstream of the class may
 *       have in flight now (its adaptive limit, found from its latency): {@code stat} = min, avg, max;</li>
 *   <li>{@code litellm_operator_limiter_round_trip_seconds{limiter,stat,kind}} — the round trip the adaptive limit
 *       sees: {@code kind="smoothed"}, and {@code kind="minimum"}, its no-load estimate; the limit reads the gap between
 *       them as calls queued at the downstream;</li>
 *   <li>{@code litellm_operator_limiter_rate_per_second{limiter,stat}} — the rate ceiling of the class's downstreams
 *       (NaN when they have none, the LiteLLM default);</li>
 *   <li>{@code litellm_operator_limiter_downstreams{limiter,state}} — how many downstreams pushed back
 *       ({@code throttled}: paused by a Retry-After now, or a 429/503 within the last minute) or not ({@code ok});</li>
 *   <li>{@code litellm_operator_limiter_in_flight{limiter}} — calls running now;</li>
 *   <li>{@code litellm_operator_limiter_waiting{limiter}} — callers queued for an in-flight slot (holding no
 *       reconcile permit).</li>
 * </ul>
 * Why not one series per LiteLLM endpoint: endpoints are one per LiteLLMInstance and their URLs name namespaces and
 * services, an unbounded label. The distribution (min/avg/max) plus the throttled count answers "is any proxy pushing
 * back, and how hard"; which one is in the logs and in the Models' conditions (reason RateLimited).
 */
public final class LimiterMetrics {
  private final Supplier<List<Limiter>> limiters;

  private LimiterMetrics(Supplier<List<Limiter>> limiters) {
    this.limiters = limiters;
  }

  public static LimiterMetrics register(MeterRegistry registry, DownstreamLimiters limiters, List<String> classes) {
    return register(registry, limiters::all, classes);
  }

  static LimiterMetrics register(MeterRegistry registry, Supplier<List<Limiter>> limiters, List<String> classes) {
    LimiterMetrics m = new LimiterMetrics(limiters);
    for (String cls : classes) {
      for (Stat stat : Stat.values()) {
        String tag = stat.name().toLowerCase();
        Gauge.builder("litellm_operator_limiter_concurrency_limit", m, x -> x.stat(cls, stat, Limiter::concurrencyLimit))
            .description("Calls each downstream of a limiter class may have in flight now (adaptive; min/avg/max)")
            .tag("limiter", cls).tag("stat", tag).strongReference(true).register(registry);
        Gauge.builder("litellm_operator_limiter_round_trip_seconds", m,
                x -> x.stat(cls, stat, Limiter::smoothedRoundTripSeconds))
            .description("Smoothed round trip of the downstreams of a limiter class, as the adaptive limit sees it "
                + "(min/avg/max)")
            .tag("limiter", cls).tag("stat", tag).tag("kind", "smoothed").strongReference(true).register(registry);
        Gauge.builder("litellm_operator_limiter_round_trip_seconds", m,
                x -> x.stat(cls, stat, Limiter::minimumRoundTripSeconds))
            .description("Smoothed round trip of the downstreams of a limiter class, as the adaptive limit sees it "
                + "(min/avg/max)")
            .tag("limiter", cls).tag("stat", tag).tag("kind", "minimum").strongReference(true).register(registry);
        Gauge.builder("litellm_operator_limiter_rate_per_second", m, x -> x.stat(cls, stat, Limiter::rateCeiling))
            .description("Rate ceiling of the downstreams of a limiter class (min/avg/max; NaN when none)")
            .tag("limiter", cls).tag("stat", tag).strongReference(true).register(registry);
      }
      Gauge.builder("litellm_operator_limiter_downstreams", m, x -> x.downstreams(cls, true))
          .description("Downstreams of a limiter class that pushed back (throttled) or not (ok)")
          .tag("limiter", cls).tag("state", "throttled").strongReference(true).register(registry);
      Gauge.builder("litellm_operator_limiter_downstreams", m, x -> x.downstreams(cls, false))
          .description("Downstreams of a limiter class that pushed back (throttled) or not (ok)")
          .tag("limiter", cls).tag("state", "ok").strongReference(true).register(registry);
      Gauge.builder("litellm_operator_limiter_in_flight", m, x -> x.sum(cls, Limiter::inFlight))
          .description("Calls of a limiter class running now")
          .tag("limiter", cls).strongReference(true).register(registry);
      Gauge.builder("litellm_operator_limiter_waiting", m, x -> x.sum(cls, Limiter::waiting))
          .description("Callers queued for an in-flight slot of a limiter class (holding no reconcile permit)")
          .tag("limiter", cls).strongReference(true).register(registry);
    }
    return m;
  }

  enum Stat { MIN, AVG, MAX }

  /** NaN when the class has no limited downstream yet (Prometheus shows it as NaN, not as a misleading 0). */
  double stat(String cls, Stat stat, ToDoubleFunction<Limiter> value) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int n = 0;
    for (Limiter l : limiters.get()) {
      double v = value.applyAsDouble(l);
      if (!cls.equals(l.limiterClass()) || Double.isInfinite(v) || Double.isNaN(v)) {
        continue;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      n++;
    }
    if (n == 0) {
      return Double.NaN;
    }
    return switch (stat) {
      case MIN -> min;
      case MAX -> max;
      case AVG -> sum / n;
    };
  }

  double downstreams(String cls, boolean throttled) {
    int count = 0;
    for (Limiter l : limiters.get()) {
      if (cls.equals(l.limiterClass()) && l.throttled() == throttled) {
        count++;
      }
    }
    return count;
  }

  double sum(String cls, ToDoubleFunction<Limiter> value) {
    double sum = 0;
    for (Limiter l : limiters.get()) {
      if (cls.equals(l.limiterClass())) {
        sum += value.applyAsDouble(l);
      }
    }
    return sum;
  }
}
