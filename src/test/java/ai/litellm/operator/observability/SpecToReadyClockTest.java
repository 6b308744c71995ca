package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.metrics.SpecToReadyClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpecToReadyClockTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicLong now = new AtomicLong();
  final SpecToReadyClock clock = new SpecToReadyClock(registry, "Model", 3, now::get);

  double seconds() {
    return registry.get("litellm_operator_spec_to_ready").tag("kind", "Model").timer().totalTime(TimeUnit.SECONDS);
  }

  long count() {
    return registry.get("litellm_operator_spec_to_ready").tag("kind", "Model").timer().count();
  }

  @Test
  void measuresFromTheGenerationSeenToReadyForIt() {
    clock.changeSeen("ns/a", 1);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    clock.ready("ns/a", 1);
    assertEquals(1, count());
    assertEquals(2.0, seconds(), 1e-9);
    clock.ready("ns/a", 1);
    assertEquals(1, count(), "a second Ready for the same generation is not a new observation");
    assertEquals(0, clock.inFlight());
  }

  @Test
  void aNewerGenerationRestartsTheClockAndAnOlderReadyDoesNotStopIt() {
    clock.changeSeen("ns/a", 1);
    now.addAndGet(TimeUnit.SECONDS.toNanos(5));
    clock.changeSeen("ns/a", 2);
    clock.changeSeen("ns/a", 1); // a late, older event changes nothing
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    clock.ready("ns/a", 1);
    assertEquals(0, count(), "Ready for generation 1 does not end generation 2's clock");
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    clock.ready("ns/a", 2);
    assertEquals(1, count());
    assertEquals(2.0, seconds(), 1e-9);
  }

  @Test
  void deletionDropsTheClockAndTheMapIsBounded() {
    clock.changeSeen("ns/a", 1);
    clock.forget("ns/a");
    clock.ready("ns/a", 1);
    assertEquals(0, count());
    clock.changeSeen("ns/a", 1);
    clock.changeSeen("ns/b", 1);
    clock.changeSeen("ns/c", 1);
    clock.changeSeen("ns/d", 1);
    assertEquals(3, clock.inFlight());
    assertEquals(1.0, registry.get("litellm_operator_spec_to_ready_untracked").counter().count());
    clock.changeSeen("ns/a", 2);
    assertEquals(3, clock.inFlight(), "a tracked key still moves to its newer generation at the cap");
  }
}
