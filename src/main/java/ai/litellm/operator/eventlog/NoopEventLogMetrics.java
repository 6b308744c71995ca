package ai.litellm.operator.eventlog;

/** Records nothing; for tests and tools that do not export metrics. */
public final class NoopEventLogMetrics implements EventLogMetrics {

    public static final NoopEventLogMetrics INSTANCE = new NoopEventLogMetrics();

    private NoopEventLogMetrics() {
    }
}
