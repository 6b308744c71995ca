package ai.litellm.operator.eventlog;

import java.util.PriorityQueue;

/**
 * Keys waiting for a retry backoff or a requested requeue: one min-heap by due time for the whole partition (never a
 * timer per key; {@link DelayTimer} keeps one Vert.x timer for the head). Entries are cancellable: a key holds the token
 * of its live entry in {@link KeyEntry#delayToken}, so cancelling only clears the token and the stale heap entry is
 * skipped later (or compacted away when stale entries pile up). Confined to the partition's context.
 */
final class DelayQueue<S> {

    /** No live entry. */
    static final long NONE = Long.MAX_VALUE;
    /** Compact the heap when it holds more than twice its live entries plus this many stale ones. */
    private static final int COMPACT_SLACK = 1024;

    private record Delay<S>(long dueNanos, long token, KeyEntry<S> key) implements Comparable<Delay<S>> {
        @Override
        public int compareTo(Delay<S> o) {
            return Long.compare(dueNanos, o.dueNanos);
        }
    }

    private final PriorityQueue<Delay<S>> heap = new PriorityQueue<>();
    private long lastToken;
    private int live;

    /** Delays the key until {@code dueNanos}, replacing a delay it already has. */
    void add(KeyEntry<S> k, long dueNanos, boolean retry) {
        if (k.delayToken != 0) {
            cancel(k);
        }
        long token = ++lastToken;
        k.delayToken = token;
        k.delayIsRetry = retry;
        live++;
        heap.add(new Delay<>(dueNanos, token, k));
    }

    static boolean isDelayed(KeyEntry<?> k) {
        return k.delayToken != 0;
    }

    /** Cancels the key's delay (it must have one). */
    void cancel(KeyEntry<S> k) {
        k.delayToken = 0;
        live--;
        if (heap.size() > 2 * live + COMPACT_SLACK) {
            heap.removeIf(d -> d.key.delayToken != d.token);
        }
    }

    /** Removes and returns a key whose delay is due at {@code upToNanos}, or null when none is. */
    KeyEntry<S> pollDue(long upToNanos) {
        Delay<S> head;
        while ((head = heap.peek()) != null && head.dueNanos <= upToNanos) {
            heap.poll();
            KeyEntry<S> k = head.key;
            if (k.delayToken == head.token) {
                k.delayToken = 0;
                live--;
                return k;
            }
        }
        return null;
    }

    /** Due time of the earliest live delay, or {@link #NONE}. Drops stale heads on the way. */
    long nextDueNanos() {
        Delay<S> head;
        while ((head = heap.peek()) != null && head.key.delayToken != head.token) {
            heap.poll();
        }
        return head == null ? NONE : head.dueNanos;
    }

    /** Keys delayed now (cancelled entries not counted). */
    int size() {
        return live;
    }

    /** Entries held by the heap, stale ones included (for tests of the compaction). */
    int heapEntries() {
        return heap.size();
    }
}
