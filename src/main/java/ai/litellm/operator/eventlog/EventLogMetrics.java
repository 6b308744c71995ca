package ai.litellm.operator.eventlog;

/**
 * Hooks the log calls; implementations must be thread-safe and cheap (they run on event loops). Labels are per topic
 * or per limiter class, never per object.
 */
public interface EventLogMetrics {

    /** A topic was deployed: register its gauges against {@code stats}. */
    default void topicStarted(TopicStats stats) {
    }

    /** A topic was stopped: drop its gauges. */
    default void topicStopped(String topic) {
    }

    /** An event was accepted into the topic (coalesced ones included, like workqueue_adds_total). */
    default void eventAdded(String topic) {
    }

    /** A retry was scheduled after a failure (workqueue_retries_total). */
    default void retryScheduled(String topic) {
    }

    /** A key waited {@code nanos} between becoming ready and starting. */
    default void queueWait(String topic, long nanos) {
    }

    /** A reconcile finished after {@code nanos}. */
    default void reconciled(String topic, ReconcileOutcome outcome, long nanos) {
    }

    /**
     * A call waited {@code nanos} for a rate-limit token and a concurrency permit.
     *
     * @param limiterClass the bounded class of the downstream (e.g. "kubernetes-writes", "litellm"), never an address
     */
    default void rateLimiterWait(String limiterClass, long nanos) {
    }

    /**
     * A call was not made because its downstream could not take it (a {@code ratelimit.DownstreamDeferral}).
     *
     * @param reason "paused", "busy" or "stopping"
     */
    default void downstreamDeferred(String limiterClass, String reason) {
    }

    static EventLogMetrics noop() {
        return NoopEventLogMetrics.INSTANCE;
    }
}
