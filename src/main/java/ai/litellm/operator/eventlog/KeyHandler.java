package ai.litellm.operator.eventlog;

import io.vertx.core.Future;

/**
 * The controller's reconcile function. Called on the partition's event loop: it must not block, and it should read the
 * latest state of the key itself (level-triggered). The log guarantees that no two calls for the same key overlap, so
 * the request's {@link ReconcileRequest#state() state} of type {@code S} is touched by one reconcile at a time.
 * A failed future or a thrown exception counts as {@link ReconcileResult#retry(Throwable, java.time.Duration)}.
 */
@FunctionalInterface
public interface KeyHandler<S> {
    Future<ReconcileResult> reconcile(ReconcileRequest<S> req);
}
