package ai.litellm.operator.eventlog;

/**
 * Everything a partition remembers about one key. Confined to the partition's context (no synchronisation). One object
 * per key, reused for every event of the key: events are compacted into these fields, never stored.
 */
final class KeyState {

    static final byte NOT_QUEUED = 0;
    static final byte QUEUED_FRESH = 1;
    static final byte QUEUED_RESYNC = 2;

    final String key;
    final String namespace;
    final String name;

    /** Highest generation seen in events. */
    long latestGeneration;
    /** Generation the running (or last) reconcile was started with. */
    long dispatchedGeneration;
    /** >= 0 while parked by a permanent error: the generation that failed. */
    long parkedGeneration = -1;
    /** Last event seen was a DELETED. */
    boolean deleted;

    /** Which ready queue holds the key (entries in the other queue are stale). */
    byte queued = NOT_QUEUED;
    /** The pending run was triggered by a fresh change. */
    boolean pendingFresh;
    long readySinceNanos;

    boolean inFlight;
    long startedNanos;
    /** Events arrived while in flight: run once more afterwards. */
    boolean dirty;
    boolean dirtyFresh;

    /** Consecutive failures. */
    int failures;
    /** Non-zero while waiting in the delay queue: identifies the live entry. */
    long delayToken;
    boolean delayIsRetry;
    /** Priority of the run that failed, kept for its retry. */
    boolean retryFresh;

    /** Offset of the newest event of the key. */
    long lastOffset = -1;
    /** Lowest offset of the key not yet settled by a terminal outcome; -1 when all settled. */
    long firstUncommitted = -1;
    /** Offset of the newest event covered by the running reconcile. */
    long dispatchedOffset = -1;
    /** First offset that arrived while the reconcile ran; -1 if none. */
    long firstAfterDispatch = -1;

    KeyState(String key, String namespace, String name) {
        this.key = key;
        this.namespace = namespace;
        this.name = name;
    }

    boolean isIdle() {
        return queued == NOT_QUEUED && !inFlight && delayToken == 0;
    }
}
