package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names of new Events (the rest of the recorder is proven on a real API server: EventsRealClusterTest). */
class EventRecorderTest {
  private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  @Test
  void aNewEventIsNamedAfterItsObjectAndTime() {
    String name = EventRecorder.newName("gpt-4o", 0x1a2358e366L);
    assertTrue(name.matches("gpt-4o\\.1a2358e366[0-9a-f]{6}"), name);
    assertNotEquals(name, EventRecorder.newName("gpt-4o", 0x1a2358e366L), "two Events in one millisecond differ");
  }

  @Test
  void theLongestObjectNameStillMakesAValidEventName() {
    // 253 characters; the suffix (".", 10 hex digits of time, 6 random) leaves room for 236: the cut ends at the dash
    String longest = "a".repeat(235) + "-" + "b".repeat(17);
    String name = EventRecorder.newName(longest, 0x1a2358e366L);
    assertTrue(name.length() <= 253, name.length() + " characters");
    assertTrue(name.matches(DNS_SUBDOMAIN), name);
    assertTrue(name.startsWith("a".repeat(235) + ".1a2358e366"), name);
  }
}
