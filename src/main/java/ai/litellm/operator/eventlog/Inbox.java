package ai.litellm.operator.eventlog;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A partition's lock-free inbox: any thread adds, the partition's context drains in batches. At most one drain is
 * scheduled at a time; {@link #add} and {@link #drain} tell the caller when to schedule one.
 */
final class Inbox {

    private final ConcurrentLinkedQueue<ResourceEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** Any thread. @return true when the caller must schedule a drain */
    boolean add(ResourceEvent e) {
        events.add(e);
        return drainScheduled.compareAndSet(false, true);
    }

    /**
     * Hands up to {@code max} events to {@code sink}. On the partition's context, from the scheduled drain.
     *
     * @return true when the caller must schedule another drain (events left, or one added during the reset)
     */
    boolean drain(Consumer<ResourceEvent> sink, int max) {
        ResourceEvent e;
        int n = 0;
        while (n < max && (e = events.poll()) != null) {
            sink.accept(e);
            n++;
        }
        if (!events.isEmpty()) {
            return true;
        }
        drainScheduled.set(false);
        // An add between the last poll and the reset saw the flag set and did not schedule: re-check.
        return !events.isEmpty() && drainScheduled.compareAndSet(false, true);
    }
}
