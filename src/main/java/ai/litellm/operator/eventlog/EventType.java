package ai.litellm.operator.eventlog;

/** What happened to a resource, as told by its informer (or by the log itself for {@link #REQUEUE}). */
public enum EventType {
    ADDED,
    UPDATED,
    DELETED,
    /** Initial-list item or periodic resync: nothing is known to have changed; low priority. */
    RESYNC,
    /** Explicit "look again" from a controller; low priority. */
    REQUEUE
}
