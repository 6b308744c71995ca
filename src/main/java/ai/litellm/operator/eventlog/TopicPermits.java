package ai.litellm.operator.eventlog;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The topic-wide bound on concurrent reconciles, shared by partitions that run on different event loops. Lock-free:
 * a partition that finds no permit registers once as a waiter; a released permit is handed to the longest waiter
 * (on the waiter's own context), so a busy partition cannot starve the others by re-grabbing its own permits.
 */
final class TopicPermits {

    /** A partition that can wait for a permit. */
    interface Waiter {
        /** Flag used to register at most once. */
        AtomicBoolean waitingFlag();

        /** Hand one permit over; must run the waiter's dispatch on its own context and return it if unused. */
        void grant();
    }

    private final int max;
    private final AtomicInteger available;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    TopicPermits(int max) {
        this.max = max;
        this.available = new AtomicInteger(max);
    }

    /** Takes a permit unless there are none or others are already waiting (no barging). */
    boolean tryAcquire() {
        return waiters.isEmpty() && takeFree();
    }

    private boolean takeFree() {
        for (;;) {
            int a = available.get();
            if (a <= 0) {
                return false;
            }
            if (available.compareAndSet(a, a - 1)) {
                return true;
            }
        }
    }

    /** Registers {@code w} to be granted the next free permit. */
    void await(Waiter w) {
        if (w.waitingFlag().compareAndSet(false, true)) {
            waiters.add(w);
        }
        drain();
    }

    void release() {
        Waiter w = pollWaiter();
        if (w != null) {
            w.grant();
            return;
        }
        available.incrementAndGet();
        // A waiter may have registered between the poll and the increment: serve it now.
        drain();
    }

    /** Hands free permits to waiters while both exist. */
    private void drain() {
        while (available.get() > 0 && !waiters.isEmpty()) {
            if (!takeFree()) {
                return;
            }
            Waiter w = pollWaiter();
            if (w == null) {
                available.incrementAndGet();
                return;
            }
            w.grant();
        }
    }

    private Waiter pollWaiter() {
        Waiter w = waiters.poll();
        if (w != null) {
            w.waitingFlag().set(false);
        }
        return w;
    }

    int inUse() {
        return max - available.get();
    }

    int max() {
        return max;
    }
}
