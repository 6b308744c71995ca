package ai.litellm.operator.eventlog;

/**
 * Builds a controller's per-key state when the log first sees a key (see {@link EventLog#deploy(io.vertx.core.Vertx,
 * TopicConfig, KeyHandler, EventLogMetrics, StateFactory)}). Runs on the partition's event loop: keep it cheap (a
 * constructor), non-blocking and free of failures; an exception drops the event that asked for the key (logged with
 * the key) and the next event of the key tries again.
 */
@FunctionalInterface
public interface StateFactory<S> {
    S create(String key, String namespace, String name);
}
