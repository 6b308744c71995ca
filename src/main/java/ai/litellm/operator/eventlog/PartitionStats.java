package ai.litellm.operator.eventlog;

/**
 * Volatile snapshots of one partition for other threads (gauges, {@link EventLog#stop}), published by the partition's
 * context after each change. May be a few microseconds stale, never torn per value.
 */
final class PartitionStats {

    private volatile int depth;
    private volatile int delayed;
    private volatile int inFlight;
    private volatile int waitingDownstream;
    private volatile long logEnd;
    private volatile long committed;
    private volatile long oldestReadyNanos;
    private volatile long runningStartSum;
    private volatile long oldestRunningNanos;

    /** On the partition's context, for a partition without downstream waits. */
    void publish(KeyScheduler<?> s) {
        publish(s, 0);
    }

    /** On the partition's context; {@code waitingDownstream} of the reconciles in flight hold no permit. */
    void publish(KeyScheduler<?> s, int waitingDownstream) {
        this.waitingDownstream = waitingDownstream;
        depth = s.ready().size();
        delayed = s.delays().size();
        inFlight = s.running().size();
        committed = s.offsets().committed();
        logEnd = s.offsets().logEnd();
        oldestReadyNanos = s.ready().oldestReadySinceNanos();
        runningStartSum = s.running().startSum();
        oldestRunningNanos = s.running().oldestStartNanos();
    }

    int depth() {
        return depth;
    }

    int delayed() {
        return delayed;
    }

    int inFlight() {
        return inFlight;
    }

    int waitingDownstream() {
        return waitingDownstream;
    }

    long lag() {
        return Math.max(0, logEnd - committed);
    }

    long logEndOffset() {
        return logEnd;
    }

    long committedOffset() {
        return committed;
    }

    /** Ready-since of the oldest ready key, 0 when none. */
    long oldestReadyNanos() {
        return oldestReadyNanos;
    }

    long runningStartSum() {
        return runningStartSum;
    }

    /** Start time of the longest-running reconcile, 0 when none. */
    long oldestRunningNanos() {
        return oldestRunningNanos;
    }
}
