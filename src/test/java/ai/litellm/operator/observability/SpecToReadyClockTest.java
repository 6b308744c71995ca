package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.metrics.SpecToReadyClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpecToReadyClockTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicLong now = new AtomicLong(1_000_000);
  final SpecToReadyClock clock = new SpecToReadyClock(registry, "Model", now::get);

  double seconds() {
    return registry.get("litellm_operator_spec_to_ready").tag("kind", "Model").timer().totalTime(TimeUnit.SECONDS);
  }

  @Test
  void measuresFromTheGenerationSeenToReadyWritten() {
    long seen = now.get();
    now.addAndGet(2_000);
    clock.record(seen);
    assertEquals(1, clock.count());
    assertEquals(2.0, seconds(), 1e-9);
  }

  @Test
  void aClockThatRunsBehindTheEventStampIsNeverNegative() {
    clock.record(now.get() + 5_000);
    assertEquals(1, clock.count());
    assertEquals(0.0, seconds(), 1e-9);
  }
}
