package ai.litellm.operator.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A handler whose runs the test completes by hand (or by a scripted result), recording every call. */
final class RecordingHandler<S> implements KeyHandler<S> {

    record Call<S>(ReconcileRequest<S> req, long startNanos, Promise<ReconcileResult> promise) {
    }

    final List<Call<S>> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    private final Map<String, Boolean> holdKeys = new ConcurrentHashMap<>();
    private volatile boolean holdAll;
    private volatile Function<ReconcileRequest<S>, ReconcileResult> script = req -> ReconcileResult.done();

    RecordingHandler<S> holdAll(boolean hold) {
        this.holdAll = hold;
        return this;
    }

    RecordingHandler<S> hold(String key) {
        holdKeys.put(key, true);
        return this;
    }

    RecordingHandler<S> script(Function<ReconcileRequest<S>, ReconcileResult> s) {
        this.script = s;
        return this;
    }

    @Override
    public Future<ReconcileResult> reconcile(ReconcileRequest<S> req) {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        Promise<ReconcileResult> p = Promise.promise();
        calls.add(new Call<>(req, System.nanoTime(), p));
        Future<ReconcileResult> f = p.future().andThen(ar -> running.decrementAndGet());
        if (!holdAll && !holdKeys.containsKey(req.key())) {
            p.complete(script.apply(req));
        }
        return f;
    }

    /** Completes every held call still pending with the scripted result. */
    void releaseAll() {
        holdAll = false;
        holdKeys.clear();
        for (Call<S> c : calls) {
            c.promise.tryComplete(script.apply(c.req));
        }
    }

    List<Call<S>> callsFor(String key) {
        return calls.stream().filter(c -> c.req.key().equals(key)).toList();
    }

    int count(String key) {
        return callsFor(key).size();
    }
}
