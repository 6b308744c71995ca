package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import static ai.litellm.operator.eventlog.ReadyQueuesTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunningKeysTest {

    @Test
    void tracksRunningKeysTheirStartTimesAndDirtyMarks() {
        RunningKeys<Void> r = new RunningKeys<>();
        KeyEntry<Void> a = entry("a");
        KeyEntry<Void> b = entry("b");
        assertEquals(0, r.oldestStartNanos());
        r.start(a, 100);
        r.start(b, 250);
        assertTrue(a.inFlight);
        assertFalse(a.isIdle());
        assertEquals(2, r.size());
        assertEquals(350, r.startSum());
        assertEquals(100, r.oldestStartNanos());

        RunningKeys.markDirty(a, false);
        RunningKeys.markDirty(a, true);
        RunningKeys.markDirty(a, false);
        assertTrue(a.dirty);
        assertTrue(a.dirtyFresh, "one fresh event among many keeps the re-run fresh");

        r.finish(a);
        assertFalse(a.inFlight);
        assertFalse(a.dirty);
        assertFalse(a.dirtyFresh);
        assertTrue(a.isIdle());
        assertEquals(1, r.size());
        assertEquals(250, r.startSum());
        assertEquals(250, r.oldestStartNanos());
        r.finish(b);
        assertEquals(0, r.size());
        assertEquals(0, r.startSum());
    }
}
