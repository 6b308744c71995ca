package ai.litellm.operator.eventlog;

/**
 * Read-only, thread-safe view of one topic for gauges and health checks. Values are snapshots published by the
 * partition contexts after each change, so they may be a few microseconds stale but never torn.
 */
public interface TopicStats {

    String topic();

    int partitions();

    int maxConcurrency();

    /** Keys queued and ready to run (not counting those waiting for a retry or requeue delay). */
    long depth();

    /** Keys waiting for a retry or requeue delay to expire. */
    long delayed();

    /** Reconciles running now (a key's reconcile, whether it holds a permit or waits for a downstream without one). */
    int inFlight();

    /** Of {@link #inFlight()}, those that gave their permit back while they wait for a downstream. */
    int waitingDownstream();

    /** Log end offset minus committed offset of one partition. */
    long lag(int partition);

    /** Age of the oldest ready key, 0 when none. */
    double oldestItemAgeSeconds();

    /** Sum of the running times of the reconciles in flight (controller-runtime's unfinished work). */
    double unfinishedWorkSeconds();

    /** Running time of the longest reconcile in flight, 0 when none. */
    double longestRunningSeconds();

    /** A {@link TopicStats} that answers from another one (the topic hands out its partitions' summed view). */
    interface Forwarding extends TopicStats {
        /** The view every method forwards to. */
        TopicStats stats();

        @Override
        default String topic() {
            return stats().topic();
        }

        @Override
        default int partitions() {
            return stats().partitions();
        }

        @Override
        default int maxConcurrency() {
            return stats().maxConcurrency();
        }

        @Override
        default long depth() {
            return stats().depth();
        }

        @Override
        default long delayed() {
            return stats().delayed();
        }

        @Override
        default int inFlight() {
            return stats().inFlight();
        }

        @Override
        default int waitingDownstream() {
            return stats().waitingDownstream();
        }

        @Override
        default long lag(int partition) {
            return stats().lag(partition);
        }

        @Override
        default double oldestItemAgeSeconds() {
            return stats().oldestItemAgeSeconds();
        }

        @Override
        default double unfinishedWorkSeconds() {
            return stats().unfinishedWorkSeconds();
        }

        @Override
        default double longestRunningSeconds() {
            return stats().longestRunningSeconds();
        }
    }
}
