package ai.litellm.operator.kube;

import ai.litellm.operator.eventlog.ratelimit.Limiter;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every Kubernetes request of the controllers passes here: writes wait for a token of the "kubernetes-writes" limiter,
 * and every request is counted by verb and status code (litellm_operator_kubernetes_requests_total) — bounded labels.
 */
public final class KubeRequestLimiter {
  private final Limiter writes;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public KubeRequestLimiter(Limiter writes, MeterRegistry registry) {
    this.writes = writes;
    this.registry = registry;
  }

  public <T> Future<T> write(String verb, Supplier<Future<T>> op) {
    return writes.call(() -> measured(verb, op));
  }

  public <T> Future<T> read(String verb, Supplier<Future<T>> op) {
    return measured(verb, op);
  }

  private <T> Future<T> measured(String verb, Supplier<Future<T>> op) {
    long start = System.nanoTime();
    return op.get().andThen(ar -> {
      String code = ar.succeeded() ? "2xx" : codeOf(ar.cause());
      counter(verb, code).increment();
      timer(verb).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    });
  }

  private Counter counter(String verb, String code) {
    return counters.computeIfAbsent(verb + "|" + code, k -> Counter.builder("litellm_operator_kubernetes_requests")
        .description("Kubernetes API requests made by the controllers, by verb and status code")
        .tag("verb", verb).tag("code", code).register(registry));
  }

  private Timer timer(String verb) {
    return timers.computeIfAbsent(verb, k -> Timer.builder("litellm_operator_kubernetes_request_duration")
        .description("Kubernetes API request latency by verb")
        .tag("verb", verb).publishPercentileHistogram().register(registry));
  }

  /** The HTTP status of a fabric8 failure, or "error" when no response came back. */
  public static String codeOf(Throwable e) {
    if (e instanceof KubernetesClientException k && k.getCode() > 0) {
      return Integer.toString(k.getCode());
    }
    return "error";
  }

  /** Counts of requests by verb (all codes), for the benchmark's report. */
  public Map<String, Long> requestsByVerb() {
    Map<String, Long> out = new java.util.TreeMap<>();
    counters.forEach((k, c) -> out.merge(k.substring(0, k.indexOf('|')), (long) c.count(), Long::sum));
    return out;
  }
}
