package ai.litellm.operator.eventlog;

import java.util.ArrayDeque;

/**
 * The keys ready to run, in two FIFO queues: fresh changes first, then resyncs (or one FIFO when resync priority is
 * off). A queued key sits in exactly one queue, marked by {@link KeyEntry#queued}; promoting a resync key leaves a stale
 * entry behind that is skipped when it reaches the head (lazy deletion) and compacted away when stale entries pile up.
 * Confined to the partition's context; allocates nothing per key beyond the deques' growth.
 */
final class ReadyQueues<S> {

    /** Compact the resync queue when it holds more than twice its live keys plus this many stale entries. */
    private static final int COMPACT_SLACK = 1024;

    private final boolean resyncPriority;
    private final ArrayDeque<KeyEntry<S>> fresh = new ArrayDeque<>();
    private final ArrayDeque<KeyEntry<S>> resync = new ArrayDeque<>();
    private int liveFresh;
    private int liveResync;

    /** @param resyncPriority when false, every key goes to one FIFO (the fresh queue) */
    ReadyQueues(boolean resyncPriority) {
        this.resyncPriority = resyncPriority;
    }

    /** Queues a key that is not queued yet. */
    void add(KeyEntry<S> k, boolean freshChange, long nowNanos) {
        k.pendingFresh = freshChange;
        k.readySinceNanos = nowNanos;
        if (freshChange || !resyncPriority) {
            k.queued = KeyEntry.QUEUED_FRESH;
            fresh.add(k);
            liveFresh++;
        } else {
            k.queued = KeyEntry.QUEUED_RESYNC;
            resync.add(k);
            liveResync++;
        }
    }

    /** Folds another event into a queued key: a fresh change promotes a resync key to the fresh queue. */
    void coalesce(KeyEntry<S> k, boolean freshChange) {
        if (freshChange && k.queued == KeyEntry.QUEUED_RESYNC && resyncPriority) {
            k.queued = KeyEntry.QUEUED_FRESH;
            liveResync--;
            liveFresh++;
            fresh.add(k); // the entry left in the resync queue is now stale
            if (resync.size() > 2 * liveResync + COMPACT_SLACK) {
                resync.removeIf(e -> e.queued != KeyEntry.QUEUED_RESYNC);
            }
        }
        k.pendingFresh |= freshChange;
    }

    /** Takes the next key (fresh first) and marks it not queued. Call only when {@link #size()} > 0. */
    KeyEntry<S> poll() {
        KeyEntry<S> k;
        if (liveFresh > 0) {
            while ((k = fresh.poll()) != null) {
                if (k.queued == KeyEntry.QUEUED_FRESH) {
                    liveFresh--;
                    k.queued = KeyEntry.NOT_QUEUED;
                    return k;
                }
            }
        }
        while ((k = resync.poll()) != null) {
            if (k.queued == KeyEntry.QUEUED_RESYNC) {
                liveResync--;
                k.queued = KeyEntry.NOT_QUEUED;
                return k;
            }
        }
        throw new IllegalStateException("ready counters out of sync: fresh=" + liveFresh + " resync=" + liveResync);
    }

    /** Keys ready to run (stale entries not counted). */
    int size() {
        return liveFresh + liveResync;
    }

    /** Entries held by the resync deque, stale ones included (for tests of the compaction). */
    int resyncEntries() {
        return resync.size();
    }

    /**
     * Ready-since of the older of the two queue heads, 0 when none (a promoted key may be older than the fresh head;
     * close enough for a gauge). Drops stale heads on the way.
     */
    long oldestReadySinceNanos() {
        long oldest = 0;
        KeyEntry<S> f = liveHead(fresh, KeyEntry.QUEUED_FRESH);
        if (f != null) {
            oldest = f.readySinceNanos;
        }
        KeyEntry<S> r = liveHead(resync, KeyEntry.QUEUED_RESYNC);
        if (r != null && (oldest == 0 || r.readySinceNanos < oldest)) {
            oldest = r.readySinceNanos;
        }
        return oldest;
    }

    private static <S> KeyEntry<S> liveHead(ArrayDeque<KeyEntry<S>> q, byte marker) {
        KeyEntry<S> k;
        while ((k = q.peek()) != null && k.queued != marker) {
            q.poll();
        }
        return k;
    }
}
