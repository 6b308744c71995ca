package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.litellm.operator.kube.EventMemo.Occurrence;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How one object's memo turns occurrences into Event writes: create once, then count repeats on that Event. */
class EventMemoTest {
  private static final long INTERVAL = EventMemo.REPEAT_INTERVAL.toMillis();
  private final EventMemo memo = new EventMemo();
  private final AtomicInteger names = new AtomicInteger();
  private final Supplier<String> newName = () -> "gpt.e" + names.incrementAndGet();

  private Occurrence observe(String reason, String message, long at) {
    return memo.observe("uid-1", "Warning", reason, message, at, newName);
  }

  @Test
  void repeatsCountOnTheEventTheFirstOccurrenceCreated() {
    Occurrence first = observe("SecretNotFound", "m", 1_000);
    assertEquals(new Occurrence("gpt.e1", 1, 1_000, 1_000), first);
    Occurrence second = observe("SecretNotFound", "m", 1_000 + INTERVAL);
    assertEquals(new Occurrence("gpt.e1", 2, 1_000, 1_000 + INTERVAL), second, "same name, count + 1, same first");
    Occurrence third = observe("SecretNotFound", "m", 1_000 + 3 * INTERVAL);
    assertEquals(new Occurrence("gpt.e1", 3, 1_000, 1_000 + 3 * INTERVAL), third);
    assertEquals(1, names.get(), "a name is made for the first occurrence only");
  }

  @Test
  void aRepeatWithinTheIntervalIsDroppedAndNotCounted() {
    observe("SecretNotFound", "m", 0);
    assertNull(observe("SecretNotFound", "m", INTERVAL - 1));
    assertNull(observe("SecretNotFound", "m", 1));
    Occurrence after = observe("SecretNotFound", "m", INTERVAL);
    assertEquals(2, after.count(), "the dropped repeats were not counted: count grows at most once per interval");
    assertNull(observe("SecretNotFound", "m", 2 * INTERVAL - 1), "the interval runs from the last written repeat");
  }

  @Test
  void anotherMessageReasonTypeOrObjectIsAnotherEvent() {
    Occurrence base = observe("SecretNotFound", "m", 0);
    Occurrence[] others = {
        observe("SecretNotFound", "other message", 1),
        observe("Other", "m", 2),
        memo.observe("uid-1", "Normal", "SecretNotFound", "m", 3, newName),
        memo.observe("uid-2", "Warning", "SecretNotFound", "m", 4, newName), // the Model deleted and created again
    };
    for (Occurrence o : others) {
      assertNotNull(o, "not suppressed by the first");
      assertEquals(1, o.count());
      assertNotEquals(base.name(), o.name());
    }
  }

  @Test
  void onlyTheLastFewDistinctEventsAreRemembered() {
    for (int i = 0; i < 5; i++) {
      assertEquals(1, observe("R" + i, "m", 0).count());
    }
    Occurrence r0 = observe("R0", "m", 1);
    assertEquals(1, r0.count(), "the oldest was forgotten (the memory per key is bounded): a new Event");
    assertEquals("gpt.e6", r0.name());
    assertNull(observe("R4", "m", 2), "a recent one is remembered");
  }

  @Test
  void aCountedRepeatIsTheLastForgotten() {
    for (int i = 0; i < 4; i++) {
      observe("R" + i, "m", 0);
    }
    assertEquals(2, observe("R0", "m", INTERVAL).count()); // R0 written again: now the most recent
    observe("R4", "m", INTERVAL); // pushes out R1, the least recently written
    Occurrence r0 = observe("R0", "m", 2 * INTERVAL);
    if (r0 == null) {
      fail("R0 was written at INTERVAL and not again since: it is due");
    }
    assertEquals(3, r0.count(), "R0 survived: it was written more recently than R1");
    assertEquals(1, observe("R1", "m", 2 * INTERVAL).count(), "R1 was forgotten");
  }
}
