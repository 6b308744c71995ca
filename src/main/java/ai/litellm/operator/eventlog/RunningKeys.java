package ai.litellm.operator.eventlog;

import java.util.LinkedHashSet;

/**
 * The keys being reconciled now and their dirty marks (client-go's processing and dirty sets): a running key is never
 * started twice; events for it only mark it dirty, and however many arrive it runs once more afterwards. Keeps the
 * start times for the unfinished-work and longest-running gauges. Confined to the partition's context.
 */
final class RunningKeys<S> {

    /** Insertion order = start order: the first is the longest running. */
    private final LinkedHashSet<KeyEntry<S>> running = new LinkedHashSet<>();
    private long startSum;

    void start(KeyEntry<S> k, long nowNanos) {
        k.inFlight = true;
        k.startedNanos = nowNanos;
        running.add(k);
        startSum += nowNanos;
    }

    /** An event for a running key: run it once more after the current run ({@code fresh} keeps the priority). */
    static void markDirty(KeyEntry<?> k, boolean fresh) {
        k.dirty = true;
        k.dirtyFresh |= fresh;
    }

    /** The run ended; read {@link KeyEntry#dirty} / {@link KeyEntry#dirtyFresh} before, they are cleared here. */
    void finish(KeyEntry<S> k) {
        running.remove(k);
        startSum -= k.startedNanos;
        k.inFlight = false;
        k.dirty = false;
        k.dirtyFresh = false;
    }

    int size() {
        return running.size();
    }

    /** Sum of the start times of the running keys (unfinished work = size·now − sum). */
    long startSum() {
        return startSum;
    }

    /** Start time of the longest-running key, 0 when none. */
    long oldestStartNanos() {
        return running.isEmpty() ? 0 : running.iterator().next().startedNanos;
    }
}
