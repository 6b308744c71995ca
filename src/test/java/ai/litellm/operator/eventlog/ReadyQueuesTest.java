package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyQueuesTest {

    static KeyEntry<Void> entry(String name) {
        return new KeyEntry<>("ns/" + name, "ns", name, null);
    }

    private static List<String> drain(ReadyQueues<Void> q) {
        List<String> order = new ArrayList<>();
        while (q.size() > 0) {
            KeyEntry<Void> k = q.poll();
            assertEquals(KeyEntry.NOT_QUEUED, k.queued);
            order.add(k.name);
        }
        return order;
    }

    @Test
    void freshKeysGoFirstAndEachQueueIsFifo() {
        ReadyQueues<Void> q = new ReadyQueues<>(true);
        q.add(entry("r1"), false, 1);
        q.add(entry("f1"), true, 2);
        q.add(entry("r2"), false, 3);
        q.add(entry("f2"), true, 4);
        assertEquals(4, q.size());
        assertEquals(List.of("f1", "f2", "r1", "r2"), drain(q));
    }

    @Test
    void withoutResyncPriorityEverythingIsOneFifo() {
        ReadyQueues<Void> q = new ReadyQueues<>(false);
        KeyEntry<Void> r1 = entry("r1");
        q.add(r1, false, 1);
        q.add(entry("f1"), true, 2);
        q.coalesce(r1, true); // no promotion without priority
        assertEquals(List.of("r1", "f1"), drain(q));
        assertTrue(r1.pendingFresh, "the pending run still remembers it was fresh");
    }

    @Test
    void aFreshChangePromotesAQueuedResyncKeyAndItsStaleEntryIsSkipped() {
        ReadyQueues<Void> q = new ReadyQueues<>(true);
        KeyEntry<Void> r1 = entry("r1");
        q.add(r1, false, 1);
        q.add(entry("r2"), false, 2);
        q.add(entry("f1"), true, 3);
        q.coalesce(r1, false); // not fresh: stays where it is
        assertEquals(KeyEntry.QUEUED_RESYNC, r1.queued);
        q.coalesce(r1, true);
        assertEquals(KeyEntry.QUEUED_FRESH, r1.queued);
        assertTrue(r1.pendingFresh);
        assertEquals(3, q.size(), "a promotion does not add a key");
        assertEquals(List.of("f1", "r1", "r2"), drain(q));
        assertThrows(IllegalStateException.class, q::poll, "nothing left, stale entries are not keys");
    }

    @Test
    void staleEntriesAreCompactedWhenTheyPileUp() {
        ReadyQueues<Void> q = new ReadyQueues<>(true);
        List<KeyEntry<Void>> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            KeyEntry<Void> k = entry("r" + i);
            keys.add(k);
            q.add(k, false, i);
        }
        for (int i = 0; i < 9_000; i++) {
            q.coalesce(keys.get(i), true);
        }
        assertEquals(10_000, q.size());
        assertTrue(q.resyncEntries() <= 2 * 1000 + 1024, "resync deque holds " + q.resyncEntries());
        List<String> order = drain(q);
        assertEquals(10_000, order.size());
        assertEquals("r0", order.get(0));
        assertEquals("r9000", order.get(9_000));
    }

    @Test
    void oldestReadyIsTheOlderOfTheTwoHeads() {
        ReadyQueues<Void> q = new ReadyQueues<>(true);
        assertEquals(0, q.oldestReadySinceNanos());
        q.add(entry("r1"), false, 100);
        q.add(entry("f1"), true, 200);
        assertEquals(100, q.oldestReadySinceNanos());
        KeyEntry<Void> first = q.poll();
        assertSame("f1", first.name);
        assertEquals(100, q.oldestReadySinceNanos());
        q.poll();
        assertEquals(0, q.oldestReadySinceNanos());
        assertFalse(q.size() > 0);
    }
}
