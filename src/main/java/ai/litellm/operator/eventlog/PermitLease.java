package ai.litellm.operator.eventlog;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The permit of one running reconcile, which it may give back while it waits for a downstream
 * ({@link DownstreamWait}). Its state is confined to the partition's context; {@link #withoutPermit} may be called
 * from any thread and hops there.
 */
final class PermitLease implements DownstreamWait {

    /** The partition side: its context and its permits. */
    interface Owner {
        /** Runs {@code task} on the partition's context (now when already there). */
        void onContext(Runnable task);

        /** The lease gave its permit back and waits ({@code waiting}) or stopped waiting ({@code !waiting}). */
        void waiting(PermitLease lease, boolean waiting);

        /** The wait ended: take a permit for the lease, then call {@link #resume} (or {@link #abandon}). */
        void resumeWhenPermitted(PermitLease lease);
    }

    private final Owner owner;
    private boolean held = true;
    private boolean waiting;
    private boolean finished;
    private Promise<Object> resumed;
    private AsyncResult<Object> outcome;

    PermitLease(Owner owner) {
        this.owner = owner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Future<T> withoutPermit(Future<T> pending) {
        if (pending.isComplete()) {
            return pending;
        }
        Promise<T> p = Promise.promise();
        owner.onContext(() -> {
            if (!held || finished) {
                pending.onComplete(p); // a second wait, or a late one: wait as it is
                return;
            }
            held = false;
            setWaiting(true);
            resumed = (Promise<Object>) p;
            ((Future<Object>) pending).onComplete(ar -> owner.onContext(() -> {
                if (resumed == p) { // not abandoned meanwhile
                    outcome = ar;
                    owner.resumeWhenPermitted(this);
                }
            }));
        });
        return p.future();
    }

    /**
     * The reconcile continues with a permit the partition took for it; returns false when it does not keep it (the
     * reconcile already finished, or the wait was abandoned): the partition gives it back.
     */
    boolean resume() {
        if (resumed == null) {
            return false; // abandoned
        }
        held = !finished;
        setWaiting(false);
        Promise<Object> p = resumed;
        AsyncResult<Object> ar = outcome;
        resumed = null;
        outcome = null;
        boolean kept = held;
        if (ar.succeeded()) {
            p.complete(ar.result());
        } else {
            p.fail(ar.cause());
        }
        return kept;
    }

    /** The log stops: the wait ends now with {@code why}, without a permit (whatever it waited for may come later). */
    void abandon(Throwable why) {
        Promise<Object> p = resumed;
        if (p == null) {
            return;
        }
        setWaiting(false);
        resumed = null;
        outcome = null;
        p.fail(why);
    }

    /** The reconcile completed; returns whether it held its permit (the caller then releases it). */
    boolean finish() {
        finished = true;
        setWaiting(false);
        return held;
    }

    /** Whether the reconcile no longer needs a permit to continue (it completed while it waited). */
    boolean finished() {
        return finished;
    }

    private void setWaiting(boolean now) {
        if (waiting != now) {
            waiting = now;
            owner.waiting(this, now);
        }
    }
}
