package ai.litellm.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {

  /** The buffer pool's direct memory is on /metrics, and follows what the pool holds. */
  @Test
  void scrapeShowsTheDirectMemoryOfNettysBufferPool() {
    PooledByteBufAllocator pool = new PooledByteBufAllocator(true, 0, 1, 8192, 9);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.bindBufferPool(registry, pool);
    assertTrue(directUsed(registry.scrape()) == 0.0, registry.scrape());
    ByteBuf held = pool.directBuffer(64 * 1024);
    try {
      assertTrue(directUsed(registry.scrape()) >= 64 * 1024, registry.scrape());
    } finally {
      held.release();
    }
  }

  /** The pool bound is the one Vert.x takes its buffers from. */
  @Test
  void theProcessRegistryBindsThePoolVertxUses() {
    String scrape = Metrics.newRegistry().scrape();
    String type = VertxByteBufAllocator.POOLED_ALLOCATOR.getClass().getSimpleName();
    assertTrue(scrape.contains("netty_allocator_memory_used{allocator_type=\"" + type + "\""), scrape);
  }

  private static double directUsed(String scrape) {
    Matcher m = Pattern.compile("(?m)^netty_allocator_memory_used\\{[^}]*memory_type=\"direct\"[^}]*} (\\S+)$")
        .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
