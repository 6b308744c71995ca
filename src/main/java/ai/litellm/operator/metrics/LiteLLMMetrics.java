package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * LiteLLM API calls by management endpoint and status class (2xx, 4xx, 429, 5xx, error) and their latency. The proxy
 * URL is not a label (unbounded); per-proxy rates are on the rate limiter gauges.
 */
public final class LiteLLMMetrics {
  /** The management endpoints the operator calls (LiteLLMCalls' labels), pre-registered so rates start at 0. */
  public static final List<String> ENDPOINTS = List.of("model_new", "model_update", "model_update_params",
      "model_delete", "model_info", "model_list", "credential_new", "credential_update", "credential_delete",
      "credential_get");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();

  /** The status classes of {@link #statusClass} a proxy answers with in practice (1xx and 3xx appear when seen). */
  static final List<String> STATUS_CLASSES = List.of("2xx", "4xx", "429", "5xx", "error");

  public LiteLLMMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Every series a dashboard or an alert reads exists from the start (0), so "errors per second" reads 0, not
    // "no data", until the first error.
    ENDPOINTS.forEach(this::rateLimitedCounter);
    for (String endpoint : ENDPOINTS) {
      STATUS_CLASSES.forEach(cls -> requestCounter(endpoint, cls));
    }
  }

  public void record(String endpoint, int status, long nanos) {
    String cls = statusClass(status);
    if (status == 429) {
      rateLimitedCounter(endpoint).increment();
    }
    requestCounter(endpoint, cls).increment();
    timers.computeIfAbsent(endpoint, k -> Timer.builder("litellm_operator_litellm_request_duration")
        .description("LiteLLM management API latency by endpoint").tag("endpoint", endpoint)
        .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter requestCounter(String endpoint, String cls) {
    return counters.computeIfAbsent(endpoint + "|" + cls, k -> Counter.builder("litellm_operator_litellm_requests")
        .description("LiteLLM management API requests by endpoint and status class")
        .tag("endpoint", endpoint).tag("status_class", cls).register(registry));
  }

  /**
   * {@code litellm_operator_litellm_rate_limited_total{endpoint}}: 429 answers. Also visible as status_class="429" on
   * the request counter; this one exists from the start (0), so "429s per second" never reads as "no data".
   */
  private Counter rateLimitedCounter(String endpoint) {
    return rateLimited.computeIfAbsent(endpoint, e -> Counter.builder("litellm_operator_litellm_rate_limited")
        .description("LiteLLM management API answers 429 Too Many Requests, by endpoint").tag("endpoint", e)
        .register(registry));
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
