package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventMemoTest {
  private final EventMemo memo = new EventMemo();

  @Test
  void theSameEventIsRecordedOncePerInterval() {
    assertTrue(memo.shouldRecord("SecretNotFound", "m", 0, 1000));
    assertFalse(memo.shouldRecord("SecretNotFound", "m", 999, 1000));
    assertTrue(memo.shouldRecord("SecretNotFound", "m", 1000, 1000));
    assertTrue(memo.shouldRecord("SecretNotFound", "other message", 1001, 1000), "another message is another Event");
    assertTrue(memo.shouldRecord("Other", "m", 1001, 1000), "another reason is another Event");
  }

  @Test
  void onlyTheLastFewDistinctEventsAreRemembered() {
    for (int i = 0; i < 5; i++) {
      assertTrue(memo.shouldRecord("R" + i, "m", 0, 1000));
    }
    assertTrue(memo.shouldRecord("R0", "m", 1, 1000), "the oldest was forgotten: the memory per key is bounded");
    assertFalse(memo.shouldRecord("R4", "m", 2, 1000));
  }
}
