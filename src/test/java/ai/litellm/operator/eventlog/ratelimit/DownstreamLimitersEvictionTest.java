package ai.litellm.operator.eventlog.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One limiter per proxy URL ever seen is not kept for ever: idle ones are dropped, busy ones never. */
class DownstreamLimitersEvictionTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void idleLimitersAreDroppedAndBusyOnesKept() {
    DownstreamLimiters limiters = DownstreamLimiters.of(vertx, LimiterSettings.fixed(100, 100),
        LimiterSettings.adaptive(4, 16, Duration.ofMinutes(1)), EventLogMetrics.noop());
    Limiter idle = limiters.forDownstream("litellm:http://gone:4000");
    Limiter busy = limiters.forDownstream("litellm:http://busy:4000");
    limiters.forDownstream(DownstreamLimiters.KUBERNETES_WRITES);
    Promise<Void> pending = Promise.promise();
    busy.call(pending::future); // in flight until the test ends it
    long later = System.nanoTime() + DownstreamLimiters.IDLE_EVICTION_NANOS + 1;

    assertEquals(1, limiters.evictIdle(later, DownstreamLimiters.IDLE_EVICTION_NANOS), "only the idle proxy's");
    assertNotSame(idle, limiters.forDownstream("litellm:http://gone:4000"), "a later call starts a fresh limiter");
    assertSame(busy, limiters.forDownstream("litellm:http://busy:4000"), "a limiter with a call in flight stays");
    assertEquals(3, limiters.all().size(), "the Kubernetes writes' limiter is never dropped");
    pending.complete();
  }
}
