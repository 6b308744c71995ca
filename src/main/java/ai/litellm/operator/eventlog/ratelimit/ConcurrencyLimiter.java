package ai.litellm.operator.eventlog.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;

/** Asynchronous permits (a non-blocking semaphore): at most {@code max} holders, FIFO waiters. Thread-safe. */
public final class ConcurrencyLimiter {

    private final Vertx vertx;
    private final int max;
    private int inUse;
    private final ArrayDeque<ContextCompletion> waiters = new ArrayDeque<>();

    public ConcurrencyLimiter(Vertx vertx, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
        this.vertx = vertx;
        this.max = max;
    }

    /** Completes, on the caller's context, once a permit is held; the caller must {@link #release()} it. */
    public Future<Void> acquire() {
        ContextCompletion waiter;
        synchronized (this) {
            if (inUse < max && waiters.isEmpty()) {
                inUse++;
                return Future.succeededFuture();
            }
            waiter = ContextCompletion.capture(vertx);
            waiters.add(waiter);
        }
        return waiter.promise().future();
    }

    /** Returns a permit; it passes straight to the oldest waiter if there is one. */
    public void release() {
        ContextCompletion next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                if (inUse == 0) {
                    throw new IllegalStateException("release without acquire");
                }
                inUse--;
                return;
            }
        }
        next.complete();
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    public int max() {
        return max;
    }
}
