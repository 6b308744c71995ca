package ai.litellm.operator.eventlog;

import java.util.TreeMap;

/**
 * The partition's offsets, as for a Kafka consumer group: every accepted event gets the next offset (the log end); the
 * committed offset is the lowest offset not yet settled by a terminal outcome; {@code lag = log end − committed}. A key
 * holds at most one uncommitted offset in the index (its lowest unsettled one, {@link KeyEntry#firstUncommitted}), so
 * the index is bounded by the number of keys. Confined to the partition's context.
 */
final class Offsets<S> {

    private final TreeMap<Long, KeyEntry<S>> uncommitted = new TreeMap<>();
    private long logEnd;

    /** Assigns the next offset to an accepted event. */
    long append() {
        return logEnd++;
    }

    /** The event at {@code offset} will be reconciled: it holds the commit back until settled. */
    void hold(KeyEntry<S> k, long offset) {
        if (k.firstUncommitted < 0) {
            k.firstUncommitted = offset;
            uncommitted.put(offset, k);
        }
    }

    /** A reconcile of the key starts: it covers every event held so far. */
    void runStarted(KeyEntry<S> k) {
        k.firstAfterDispatch = -1;
    }

    /** The event at {@code offset} arrived while the key's reconcile ran: the run does not cover it. */
    void arrivedDuringRun(KeyEntry<S> k, long offset) {
        if (k.firstAfterDispatch < 0) {
            k.firstAfterDispatch = offset;
        }
    }

    /** The reconcile settled every event it covered; events that arrived while it ran stay uncommitted. */
    void commitThroughRun(KeyEntry<S> k) {
        if (k.firstAfterDispatch >= 0) {
            if (k.firstUncommitted != k.firstAfterDispatch) {
                if (k.firstUncommitted >= 0) {
                    uncommitted.remove(k.firstUncommitted);
                }
                k.firstUncommitted = k.firstAfterDispatch;
                uncommitted.put(k.firstUncommitted, k);
            }
        } else {
            commitAll(k);
        }
        k.firstAfterDispatch = -1;
    }

    /** Settles every event of the key (ignored while parked, or its entry is dropped). */
    void commitAll(KeyEntry<S> k) {
        if (k.firstUncommitted >= 0) {
            uncommitted.remove(k.firstUncommitted);
            k.firstUncommitted = -1;
        }
        k.firstAfterDispatch = -1;
    }

    long logEnd() {
        return logEnd;
    }

    long committed() {
        return uncommitted.isEmpty() ? logEnd : uncommitted.firstKey();
    }
}
