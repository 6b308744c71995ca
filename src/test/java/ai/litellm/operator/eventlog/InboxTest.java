package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxTest {

    @Test
    void oneDrainIsScheduledAtATimeAndItWorksInBatches() {
        Inbox inbox = new Inbox();
        assertTrue(inbox.add(TestEvents.event("a", EventType.ADDED, 1)), "the first add schedules a drain");
        for (int i = 0; i < 4; i++) {
            assertFalse(inbox.add(TestEvents.event("b" + i, EventType.ADDED, 1)), "a drain is already scheduled");
        }
        List<String> seen = new ArrayList<>();
        assertTrue(inbox.drain(e -> seen.add(e.name()), 3), "two events left: drain again");
        assertEquals(List.of("a", "b0", "b1"), seen);
        assertFalse(inbox.drain(e -> seen.add(e.name()), 3), "empty: no further drain");
        assertEquals(5, seen.size());
        assertTrue(inbox.add(TestEvents.event("c", EventType.ADDED, 1)), "after a complete drain, an add schedules again");
    }
}
