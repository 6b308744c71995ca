package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static ai.litellm.operator.eventlog.ReadyQueuesTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayQueueTest {

    @Test
    void keysComeOutInDueOrderOnlyWhenDue() {
        DelayQueue<Void> q = new DelayQueue<>();
        KeyEntry<Void> a = entry("a");
        KeyEntry<Void> b = entry("b");
        KeyEntry<Void> c = entry("c");
        q.add(a, 300, true);
        q.add(b, 100, false);
        q.add(c, 200, true);
        assertEquals(3, q.size());
        assertEquals(100, q.nextDueNanos());
        assertNull(q.pollDue(99));
        assertSame(b, q.pollDue(250));
        assertFalse(DelayQueue.isDelayed(b));
        assertSame(c, q.pollDue(250));
        assertNull(q.pollDue(250));
        assertTrue(a.delayIsRetry);
        assertSame(a, q.pollDue(Long.MAX_VALUE - 1));
        assertEquals(0, q.size());
        assertEquals(DelayQueue.NONE, q.nextDueNanos());
    }

    @Test
    void cancelledAndReplacedDelaysAreSkipped() {
        DelayQueue<Void> q = new DelayQueue<>();
        KeyEntry<Void> a = entry("a");
        KeyEntry<Void> b = entry("b");
        q.add(a, 100, true);
        q.add(b, 200, true);
        q.cancel(a);
        assertFalse(DelayQueue.isDelayed(a));
        assertEquals(200, q.nextDueNanos(), "the cancelled head is dropped");
        q.add(b, 500, false); // replaces b's delay
        assertEquals(1, q.size());
        assertFalse(b.delayIsRetry);
        assertNull(q.pollDue(400), "the replaced entry does not fire");
        assertSame(b, q.pollDue(500));
        assertEquals(0, q.size());
    }

    @Test
    void staleEntriesAreCompactedWhenTheyPileUp() {
        DelayQueue<Void> q = new DelayQueue<>();
        List<KeyEntry<Void>> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            KeyEntry<Void> k = entry("k" + i);
            keys.add(k);
            q.add(k, i, true);
        }
        for (int i = 0; i < 2500; i++) {
            q.cancel(keys.get(i));
        }
        assertEquals(500, q.size());
        assertTrue(q.heapEntries() <= 2 * 500 + 1024, "heap holds " + q.heapEntries());
        assertEquals(2500, q.nextDueNanos());
    }
}
