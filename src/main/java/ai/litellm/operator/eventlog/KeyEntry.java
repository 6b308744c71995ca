package ai.litellm.operator.eventlog;

/**
 * The one entry a partition keeps per key: the queue record (compacted from the key's events, never storing them) and
 * the controller's per-key state, created together by {@link KeyTable} and forgotten together.
 *
 * <p>The queue fields are confined to the partition's context and grouped by the piece that owns them; each piece
 * keeps its bookkeeping here (intrusively) so that queueing a key allocates nothing. Only {@link #state} (final) and the
 * identity fields may be read from other threads.
 */
final class KeyEntry<S> {

    static final byte NOT_QUEUED = 0;
    static final byte QUEUED_FRESH = 1;
    static final byte QUEUED_RESYNC = 2;

    final String key;
    final String namespace;
    final String name;
    /** The controller's state for this key (null when the log has no state factory). */
    final S state;

    // --- what the events said (KeyScheduler)
    /** Highest generation seen in events. */
    long latestGeneration;
    /** {@link ResourceEvent#timeMillis()} of the event that first raised {@link #latestGeneration}; 0 if none. */
    long generationSeenAtMillis;
    /** Generation the running (or last) reconcile was started with. */
    long dispatchedGeneration;
    /** >= 0 while parked by a permanent error: the generation that failed. */
    long parkedGeneration = -1;
    /** Last event seen was a DELETED. */
    boolean deleted;
    /** Its namespace was forgotten while the key was busy: drop the entry when it next becomes idle. */
    boolean forgetWhenIdle;
    /** Consecutive failures. */
    int failures;
    /** Whether the current (or last) run was triggered by a fresh change; kept for its retry. */
    boolean runFresh;

    // --- ReadyQueues
    /** Which ready queue holds the key (entries in the other queue are stale). */
    byte queued = NOT_QUEUED;
    /** The pending run was triggered by a fresh change. */
    boolean pendingFresh;
    long readySinceNanos;

    // --- RunningKeys (client-go's processing and dirty sets)
    boolean inFlight;
    long startedNanos;
    /** Events arrived while in flight: run once more afterwards. */
    boolean dirty;
    boolean dirtyFresh;

    // --- DelayQueue
    /** Non-zero while waiting in the delay queue: identifies the live heap entry. */
    long delayToken;
    /** The delay is a retry backoff (true) or a requested requeue (false). */
    boolean delayIsRetry;

    // --- Offsets
    /** Lowest offset of the key not yet settled by a terminal outcome; -1 when all settled. */
    long firstUncommitted = -1;
    /** First offset that arrived while the reconcile ran; -1 if none. */
    long firstAfterDispatch = -1;

    KeyEntry(String key, String namespace, String name, S state) {
        this.key = key;
        this.namespace = namespace;
        this.name = name;
        this.state = state;
    }

    /** Neither queued, running nor delayed. */
    boolean isIdle() {
        return queued == NOT_QUEUED && !inFlight && delayToken == 0;
    }
}
