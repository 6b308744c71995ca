package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * LiteLLM API calls by management endpoint and status class (2xx, 4xx, 429, 5xx, error) and their latency. The proxy
 * URL is not a label (unbounded); per-proxy rates are on the rate limiter gauges.
 */
public final class LiteLLMMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public LiteLLMMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String endpoint, int status, long nanos) {
    String cls = statusClass(status);
    counters.computeIfAbsent(endpoint + "|" + cls, k -> Counter.builder("litellm_operator_litellm_requests")
        .description("LiteLLM management API requests by endpoint and status class")
        .tag("endpoint", endpoint).tag("status_class", cls).register(registry)).increment();
    timers.computeIfAbsent(endpoint, k -> Timer.builder("litellm_operator_litellm_request_duration")
        .description("LiteLLM management API latency by endpoint").tag("endpoint", endpoint)
        .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  static String statusClass(int status) {
    if (status == 0) {
      return "error";
    }
    if (status == 429) {
      return "429";
    }
    return (status / 100) + "xx";
  }

  /** Calls by endpoint (all classes), for the benchmark's report. */
  public Map<String, Long> callsByEndpoint() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, c) -> out.merge(k.substring(0, k.indexOf('|')), (long) c.count(), Long::sum));
    return out;
  }

  public long count(String endpoint, String statusClass) {
    Counter c = counters.get(endpoint + "|" + statusClass);
    return c == null ? 0 : (long) c.count();
  }
}
