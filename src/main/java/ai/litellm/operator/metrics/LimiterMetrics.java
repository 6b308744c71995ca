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
 *   <li>{@code litellm_operator_limiter_rate_per_second{limiter,stat}} — the current (adaptive) rate across the
 *       downstreams of the class: {@code stat} = min, avg, max;</li>
 *   <li>{@code litellm_operator_limiter_downstreams{limiter,state}} — how many downstreams run below their ceiling
 *       ({@code throttled}: an adaptive limiter backed off after 429/503) or at it ({@code at_ceiling});</li>
 *   <li>{@code litellm_operator_limiter_in_flight{limiter}} — calls holding a concurrency permit now.</li>
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
      rate(registry, m, cls, "min", x -> x.rateStat(cls, Stat.MIN));
      rate(registry, m, cls, "avg", x -> x.rateStat(cls, Stat.AVG));
      rate(registry, m, cls, "max", x -> x.rateStat(cls, Stat.MAX));
      Gauge.builder("litellm_operator_limiter_downstreams", m, x -> x.downstreams(cls, true))
          .description("Downstreams of a limiter class running below their rate ceiling (throttled) or at it")
          .tag("limiter", cls).tag("state", "throttled").strongReference(true).register(registry);
      Gauge.builder("litellm_operator_limiter_downstreams", m, x -> x.downstreams(cls, false))
          .description("Downstreams of a limiter class running below their rate ceiling (throttled) or at it")
          .tag("limiter", cls).tag("state", "at_ceiling").strongReference(true).register(registry);
      Gauge.builder("litellm_operator_limiter_in_flight", m, x -> x.inFlight(cls))
          .description("Calls holding a concurrency permit of a limiter class now")
          .tag("limiter", cls).strongReference(true).register(registry);
    }
    return m;
  }

  private static void rate(MeterRegistry registry, LimiterMetrics m, String cls, String stat,
      ToDoubleFunction<LimiterMetrics> f) {
    Gauge.builder("litellm_operator_limiter_rate_per_second", m, f)
        .description("Current request rate allowed by the limiters of a class (min/avg/max over its downstreams)")
        .tag("limiter", cls).tag("stat", stat).strongReference(true).register(registry);
  }

  enum Stat { MIN, AVG, MAX }

  /** NaN when the class has no rate-limited downstream yet (Prometheus shows it as NaN, not as a misleading 0). */
  double rateStat(String cls, Stat stat) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int n = 0;
    for (Limiter l : limiters.get()) {
      double r = l.currentRate();
      if (!cls.equals(l.limiterClass()) || Double.isInfinite(r)) {
        continue;
      }
      min = Math.min(min, r);
      max = Math.max(max, r);
      sum += r;
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
      if (cls.equals(l.limiterClass())) {
        boolean below = l.currentRate() < l.maxRate();
        if (below == throttled) {
          count++;
        }
      }
    }
    return count;
  }

  double inFlight(String cls) {
    int sum = 0;
    for (Limiter l : limiters.get()) {
      if (cls.equals(l.limiterClass())) {
        sum += l.inFlight();
      }
    }
    return sum;
  }
}
