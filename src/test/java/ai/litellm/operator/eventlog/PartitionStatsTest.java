package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PartitionStatsTest {

    @Test
    void publishesASnapshotOfTheScheduler() {
        KeyScheduler<Void> s = new KeyScheduler<>(new KeyTable<>(null),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)), true);
        PartitionStats stats = new PartitionStats();
        stats.publish(s);
        assertEquals(0, stats.depth());
        assertEquals(0, stats.lag());
        assertEquals(0, stats.oldestReadyNanos());

        for (String n : new String[]{"a", "b", "c"}) {
            s.accept(TestEvents.event(n, EventType.ADDED, 1), 100);
        }
        KeyEntry<Void> a = s.startNext(200);
        KeyEntry<Void> b = s.startNext(300);
        s.settle(b, ReconcileResult.retry(new RuntimeException("x"), Duration.ofSeconds(5)), 400);
        stats.publish(s);
        assertEquals(1, stats.depth(), "c is ready");
        assertEquals(1, stats.delayed(), "b waits for its retry");
        assertEquals(1, stats.inFlight(), "a runs");
        assertEquals(3, stats.logEndOffset());
        assertEquals(0, stats.committedOffset());
        assertEquals(3, stats.lag());
        assertEquals(100, stats.oldestReadyNanos());
        assertEquals(200, stats.oldestRunningNanos());
        assertEquals(200, stats.runningStartSum());

        s.settle(a, ReconcileResult.done(), 500);
        stats.publish(s);
        assertEquals(0, stats.inFlight());
        assertEquals(0, stats.oldestRunningNanos());
        assertEquals(1, stats.committedOffset(), "a settled offset 0; b still holds offset 1");
        assertEquals(2, stats.lag());
    }
}
