package ai.litellm.operator.eventlog;

import java.time.Duration;

/** Topics for tests: the log has no default backoff, so tests name one here (200 ms to 5 min, resync priority on). */
final class TestTopics {

    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_CAP = Duration.ofMinutes(5);

    private TestTopics() {
    }

    static TopicConfig of(String name, int partitions, int maxConcurrency) {
        return TopicConfig.of(name, partitions, maxConcurrency, BACKOFF_BASE, BACKOFF_CAP);
    }
}
