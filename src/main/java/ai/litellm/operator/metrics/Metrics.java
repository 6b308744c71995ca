package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/** The process-wide Prometheus registry with JVM, process, Netty buffer pool and Vert.x metrics bound. */
public final class Metrics {
  private Metrics() {}

  /**
   * Vert.x names each HTTP client connection pool host:port: one pool (and label value) per LiteLLM proxy, an unbounded
   * label. Those pool meters are dropped; the HTTP client's own meters (requests, active connections, response times
   * by method and code) and the worker pools' meters stay.
   */
  static final MeterFilter NO_PER_PROXY_POOLS = MeterFilter.deny(id ->
      id.getName().startsWith("vertx.pool") && "http".equals(id.getTag("pool_type")));

  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(NO_PER_PROXY_POOLS);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    bindBufferPool(registry, VertxByteBufAllocator.POOLED_ALLOCATOR);
    return registry;
  }

  /**
   * The pool Vert.x (and so fabric8's client) takes its buffers from: its direct memory is part of the pod's RSS and no
   * JVM memory meter shows it ({@code netty_allocator_memory_used{memory_type="direct"}}). One allocator, so the labels
   * are bounded. Vert.x's own constant, not Netty's default: Vert.x replaces an unpooled default with an adaptive pool
   * of its own, which Netty's default would not show.
   */
  static void bindBufferPool(PrometheusMeterRegistry registry, ByteBufAllocator allocator) {
    if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
      new NettyAllocatorMetrics(provider).bindTo(registry);
    }
  }

  /** Vert.x options that publish Vert.x's own metrics (event bus, HTTP client/server pools) into {@code registry}. */
  public static VertxOptions vertxOptions(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false);
    return new VertxOptions().setMetricsOptions(metrics)
        .setPreferNativeTransport(false);
  }

  /** Builds a Vert.x whose metrics land in {@code registry}. */
  public static io.vertx.core.Vertx vertx(PrometheusMeterRegistry registry, VertxOptions options) {
    return io.vertx.core.Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }
}
