package ai.litellm.operator.eventlog;

import io.vertx.core.Future;

/**
 * The controller's reconcile function. Called on the partition's event loop: it must not block, and it should read the
 * latest state of the key itself (level-triggered). The log guarantees that no two calls for the same key overlap.
 * A failed future or a thrown exception counts as {@link ReconcileResult#retry(Throwable, java.time.Duration)}.
 */
@FunctionalInterface
public interface KeyHandler {
    Future<ReconcileResult> reconcile(ReconcileRequest req);
}
