package ai.litellm.operator.eventlog;

/**
 * What a {@link KeyHandler} is asked to reconcile.
 *
 * @param attempt                1 for the first try after a change, n+1 after n consecutive failures
 * @param freshChange            true when a new object, a generation change or a deletion triggered this run (as
 *                               opposed to a resync, a requeue or a status-only update)
 * @param latestGeneration       the highest {@code metadata.generation} the log has seen for the key
 * @param generationSeenAtMillis {@link ResourceEvent#timeMillis()} of the event that first carried
 *                               {@code latestGeneration} (since the key's entry was created; after a restart or a
 *                               forget that is the re-list), 0 when no event carried a generation; the start of a
 *                               spec-to-ready clock
 * @param state                  the controller's state of the key: the same object for every run of the key until the
 *                               log forgets it (see {@link StateFactory}); null when the log has no state factory
 * @param downstreamWait         lets the reconcile wait for a downstream (a proxy's in-flight slot) without holding its
 *                               permit; {@link DownstreamWait#HOLDING} outside a partition
 * @param fence                  until when the reconcile's downstream calls may run (set by the sharding gate that
 *                               admitted it); {@link Fence#NONE} otherwise
 * @param reconcileId            this run of the key, unique within the topic (from 1; every retry or requeue is a new
 *                               run); 0 for a request that no log made. What {@link ReconcileLog} puts on the run's log
 *                               lines
 */
public record ReconcileRequest<S>(String key, String namespace, String name, int attempt, boolean freshChange,
                                  long latestGeneration, long generationSeenAtMillis, S state,
                                  DownstreamWait downstreamWait, Fence fence, long reconcileId) {

    public ReconcileRequest {
        java.util.Objects.requireNonNull(downstreamWait, "downstreamWait");
        java.util.Objects.requireNonNull(fence, "fence");
    }

    /** A request without a fence (the sharding gate adds one with {@link #withFence}) and of no log's run. */
    public ReconcileRequest(String key, String namespace, String name, int attempt, boolean freshChange,
                            long latestGeneration, long generationSeenAtMillis, S state,
                            DownstreamWait downstreamWait) {
        this(key, namespace, name, attempt, freshChange, latestGeneration, generationSeenAtMillis, state,
                downstreamWait, Fence.NONE, 0);
    }

    /** A request whose downstream waits hold on (tests, callers outside a partition). */
    public ReconcileRequest(String key, String namespace, String name, int attempt, boolean freshChange,
                            long latestGeneration, long generationSeenAtMillis, S state) {
        this(key, namespace, name, attempt, freshChange, latestGeneration, generationSeenAtMillis, state,
                DownstreamWait.HOLDING);
    }

    /** The same request, its downstream calls bounded by {@code fence}. */
    public ReconcileRequest<S> withFence(Fence fence) {
        return new ReconcileRequest<>(key, namespace, name, attempt, freshChange, latestGeneration,
                generationSeenAtMillis, state, downstreamWait, fence, reconcileId);
    }
}
