package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionerAndBackoffTest {

    @Test
    void partitionIsStableAndSpreadsSimilarNamesEvenly() {
        // Pinned values: a partition must not move between releases (it decides which worker owns a key).
        assertEquals(Partitioner.partition("ns/model-00001", 16), Partitioner.partition("ns/model-00001", 16));
        int[] counts = new int[16];
        for (int i = 0; i < 100_000; i++) {
            int p = Partitioner.partition("team-" + (i % 50) + "/model-" + i, 16);
            assertTrue(p >= 0 && p < 16);
            counts[p]++;
        }
        for (int c : counts) {
            assertTrue(c > 100_000 / 16 * 0.9 && c < 100_000 / 16 * 1.1, "uneven partition: " + c);
        }
    }

    @Test
    void partitionMatchesFnv1a() {
        assertEquals(Math.floorMod((int) 0xe40c292cL, 1000), Partitioner.partition("a", 1000)); // FNV-1a("a") = 0xe40c292c
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofMinutes(5));
        for (int f = 1; f <= 12; f++) {
            double expected = Math.min(200.0 * Math.pow(2, f - 1), 300_000);
            for (int i = 0; i < 200; i++) {
                double ms = b.delayNanos(f) / 1e6;
                assertTrue(ms >= expected * 0.8 - 1e-6 && ms <= Math.min(expected * 1.2, 300_000),
                        "failure " + f + ": " + ms);
            }
        }
        assertTrue(b.delayNanos(1000) <= Duration.ofMinutes(5).toNanos());
        assertTrue(b.delayNanos(1000) >= Duration.ofMinutes(4).toNanos());
    }

    @Test
    void configRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TestTopics.of("a b", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TestTopics.of("t", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TestTopics.of("t", 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TestTopics.of("t", 1, 1).withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals("eventlog.model.in", TestTopics.of("model", 1, 1).inboundAddress());
        assertEquals("ns/n", TestEvents.event("n", EventType.ADDED, 1).key());
    }
}
