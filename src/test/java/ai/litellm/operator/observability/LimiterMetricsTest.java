package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.eventlog.EventLogMetrics;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.LimiterSettings;
import ai.litellm.operator.eventlog.ratelimit.TestThrottle;
import ai.litellm.operator.metrics.LimiterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimiterMetricsTest {
  final Vertx vertx = Vertx.vertx();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void aggregatesAdaptiveLimitsPerClassWithoutPerEndpointLabels() throws Exception {
    DownstreamLimiters limiters = new DownstreamLimiters(vertx, name -> name.startsWith("litellm:")
        ? LimiterSettings.adaptive(20, 10, Duration.ofSeconds(1)) : LimiterSettings.unlimited(),
        EventLogMetrics.noop());
    LimiterMetrics.register(registry, limiters, List.of("litellm"));
    assertTrue(Double.isNaN(gauge("litellm_operator_limiter_concurrency_limit", "limiter", "litellm", "stat", "min")),
        "no proxy yet: NaN, not a misleading 0");

    limiters.forDownstream(DownstreamLimiters.liteLLM("http://a:4000")).call(() -> Future.succeededFuture(1))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    limiters.forDownstream(DownstreamLimiters.liteLLM("http://b:4000"))
        .call(() -> Future.failedFuture(TestThrottle.slowDown(Duration.ofMillis(1))))
        .toCompletionStage().handle((v, e) -> v).toCompletableFuture().get(10, TimeUnit.SECONDS);

    double min = gauge("litellm_operator_limiter_concurrency_limit", "limiter", "litellm", "stat", "min");
    double max = gauge("litellm_operator_limiter_concurrency_limit", "limiter", "litellm", "stat", "max");
    double avg = gauge("litellm_operator_limiter_concurrency_limit", "limiter", "litellm", "stat", "avg");
    assertEquals(4.0, max, 1e-9, "the proxy that answered keeps the initial limit");
    assertEquals(2.0, min, 1e-9, "the throttled proxy halved it");
    assertEquals((min + max) / 2, avg, 1e-9);
    assertTrue(Double.isNaN(gauge("litellm_operator_limiter_rate_per_second", "limiter", "litellm", "stat", "max")),
        "no rate ceiling by default");
    assertEquals(1.0, gauge("litellm_operator_limiter_downstreams", "limiter", "litellm", "state", "throttled"));
    assertEquals(1.0, gauge("litellm_operator_limiter_downstreams", "limiter", "litellm", "state", "ok"));
    // Only proxy a answered: its round trip is the one seen; b's throttle is no sample (and no NaN in the stats).
    double srtt = gauge("litellm_operator_limiter_round_trip_seconds", "limiter", "litellm", "stat", "max", "kind",
        "smoothed");
    double minRtt = gauge("litellm_operator_limiter_round_trip_seconds", "limiter", "litellm", "stat", "min", "kind",
        "minimum");
    assertTrue(srtt > 0 && srtt < 10, "a round trip in seconds: " + srtt);
    assertEquals(srtt, minRtt, 1e-12, "one sample: smoothed = minimum");
    assertEquals(0.0, gauge("litellm_operator_limiter_in_flight", "limiter", "litellm"));
    assertEquals(0.0, gauge("litellm_operator_limiter_waiting", "limiter", "litellm"));
    registry.getMeters().forEach(m -> m.getId().getTags().forEach(t ->
        assertTrue(!t.getValue().contains("http"), "no endpoint URL in labels: " + m.getId())));
  }
}
