package ai.litellm.operator.eventlog;

/** Events as the informer publisher makes them, for the event log's tests. */
final class TestEvents {

    private TestEvents() {
    }

    static ResourceEvent event(String name, EventType type, long generation) {
        return new ResourceEvent("Model", "ns", name, "uid-" + name, "1", generation, type, System.currentTimeMillis());
    }
}
