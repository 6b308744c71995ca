package ai.litellm.operator.eventlog;

import java.util.Objects;

/**
 * One change the operator must act on. Events only say "look at key K": reconciles are level-triggered and read the
 * latest state themselves, so an event carries identity and ordering hints, never the object.
 *
 * @param generation {@code metadata.generation}; {@code <= 0} for kinds without one (e.g. Secrets), in which case every
 *                   UPDATED counts as a fresh change
 * @param timeMillis wall-clock time the producer saw the change
 */
public record ResourceEvent(String kind, String namespace, String name, String uid, String resourceVersion,
                            long generation, EventType type, long timeMillis) {

    public ResourceEvent {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The ordering key: {@code namespace/name} (cluster-scoped objects use an empty namespace). */
    public String key() {
        return namespace + "/" + name;
    }
}
