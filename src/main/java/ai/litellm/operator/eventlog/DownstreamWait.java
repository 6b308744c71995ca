package ai.litellm.operator.eventlog;

import io.vertx.core.Future;

/**
 * What a reconcile may do while it waits for a downstream (a proxy's in-flight slot or token): give its permit back,
 * so the topic's concurrency goes to keys that can run, and take one again before it continues. The key stays in
 * flight (one reconcile per key still holds); while it waits it only stops counting against the topic's
 * {@code maxConcurrency}. A partition hands one to every reconcile ({@link ReconcileRequest#downstreamWait()}).
 */
public interface DownstreamWait {

    /**
     * Waits for {@code pending} without the reconcile's permit: the permit goes back to the topic now; when
     * {@code pending} completes a permit is taken again (the partition serves keys resuming from a wait before it
     * starts new ones, and the topic hands permits to partitions fairly), and the returned future completes with
     * {@code pending}'s outcome on the partition's context. It fails instead when the log stops meanwhile. A wait
     * that is already complete, or a second wait while one is pending, waits as it is.
     */
    <T> Future<T> withoutPermit(Future<T> pending);

    /** For callers outside a reconcile (timers, tests): waits as it is, holding whatever it holds. */
    DownstreamWait HOLDING = new DownstreamWait() {
        @Override
        public <T> Future<T> withoutPermit(Future<T> pending) {
            return pending;
        }
    };
}
