package ai.litellm.operator.eventlog.ratelimit;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A waiter's promise together with the context it asked from, so the grant resumes the caller on its own context (a
 * timer or another caller's release must never run the caller's continuation on a foreign event loop).
 */
record ContextCompletion(Promise<Void> promise, Context context) {

    static ContextCompletion capture(Vertx vertx) {
        return new ContextCompletion(Promise.promise(), vertx.getOrCreateContext());
    }

    void complete() {
        if (Vertx.currentContext() == context) {
            promise.complete();
        } else {
            context.runOnContext(v -> promise.complete());
        }
    }
}
