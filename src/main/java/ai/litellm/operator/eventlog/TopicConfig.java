package ai.litellm.operator.eventlog;

import java.time.Duration;
import java.util.Objects;

/**
 * One topic (one per controller). The log has no defaults of its own: the operator's settings own them.
 *
 * @param partitions     number of partitions; each is confined to one event-loop context
 * @param maxConcurrency reconciles in flight at once across all partitions of the topic
 * @param backoffBase    first retry delay after a failure
 * @param backoffCap     longest retry delay
 * @param resyncPriority when true, fresh changes overtake queued resync/initial-list events; when false, one FIFO
 */
public record TopicConfig(String name, int partitions, int maxConcurrency, Duration backoffBase, Duration backoffCap,
                          boolean resyncPriority) {

    public TopicConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("topic name must be [A-Za-z0-9_.-]+: '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1");
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("need 0 < backoffBase <= backoffCap");
        }
    }

    /** A topic with resync priority on. */
    public static TopicConfig of(String name, int partitions, int maxConcurrency, Duration backoffBase,
                                 Duration backoffCap) {
        return new TopicConfig(name, partitions, maxConcurrency, backoffBase, backoffCap, true);
    }

    public TopicConfig withBackoff(Duration base, Duration cap) {
        return new TopicConfig(name, partitions, maxConcurrency, base, cap, resyncPriority);
    }

    public TopicConfig withResyncPriority(boolean on) {
        return new TopicConfig(name, partitions, maxConcurrency, backoffBase, backoffCap, on);
    }

    /** The event-bus address producers send to. */
    public String inboundAddress() {
        return "eventlog." + name + ".in";
    }
}
