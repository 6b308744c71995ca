package ai.litellm.operator.eventlog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A partition's side of the topic's {@link TopicPermits}: takes a permit per dispatch, registers once as a waiter when
 * none is free, and holds the permits granted to it until its dispatch loop uses or returns them. {@link #take},
 * {@link #granted} and {@link #returnHeld} run on the partition's context; {@link #grant} is called from any thread and
 * must hop to that context (the {@code onGrant} callback does).
 */
final class PartitionPermits implements TopicPermits.Waiter {

    private final TopicPermits topic;
    private final Runnable onGrant;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private int held;

    /**
     * @param onGrant called from the granting thread; must run {@link #granted()} and then the dispatch loop on the
     *                partition's context
     */
    PartitionPermits(TopicPermits topic, Runnable onGrant) {
        this.topic = topic;
        this.onGrant = onGrant;
    }

    /** Takes a held or free permit; false when none is left (the partition is then registered for the next one). */
    boolean take() {
        if (held > 0) {
            held--;
            return true;
        }
        if (topic.tryAcquire()) {
            return true;
        }
        topic.await(this);
        return false;
    }

    /** A permit handed over by {@link TopicPermits}, now on the partition's context. */
    void granted() {
        held++;
    }

    /** Gives back the permits held but not used (nothing left to run, or stopping). */
    void returnHeld() {
        while (held > 0) {
            held--;
            topic.release();
        }
    }

    /** A reconcile finished: its permit goes to the longest-waiting partition, or back to the pool. */
    void release() {
        topic.release();
    }

    int held() {
        return held;
    }

    @Override
    public AtomicBoolean waitingFlag() {
        return waiting;
    }

    @Override
    public void grant() {
        onGrant.run();
    }
}
