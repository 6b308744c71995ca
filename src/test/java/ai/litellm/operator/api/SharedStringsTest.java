package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SharedStringsTest {
  private final SharedStrings shared = new SharedStrings();

  @Test
  void equalValuesComeBackAsTheFirstCopy() {
    String first = new String("Synced");
    String second = new String("Synced");
    assertSame(first, shared.share(first));
    assertSame(first, shared.share(second));
    assertNull(shared.share(null));
  }

  @Test
  void longValuesPassThrough() {
    String long1 = "x".repeat(SharedStrings.MAX_LENGTH + 1);
    String long2 = new String(long1);
    shared.share(long1);
    assertSame(long2, shared.share(long2));
  }

  @Test
  void aCollidingValueTakesTheSlotAndTheEvictedOneIsStillReturnedEqual() {
    // "Aa" and "BB" have the same hash code, so they land in the same slot.
    assertEquals("Aa".hashCode(), "BB".hashCode());
    String aa = new String("Aa");
    shared.share(aa);
    String bb = new String("BB");
    assertSame(bb, shared.share(bb));
    String aaAgain = new String("Aa");
    assertSame(aaAgain, shared.share(aaAgain), "the evicted value is handed back as given, then shared again");
    assertSame(aaAgain, shared.share(new String("Aa")));
    assertNotSame(aa, shared.share(new String("Aa")));
  }
}
