package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * First handler of every route: records the call once its response ended or its connection was dropped. Bodies are
 * stored masked ({@link SensitiveParams#mask}); headers are never stored, so no key reaches the log.
 */
final class CallRecorder implements Handler<RoutingContext> {
    static final String LOST_RESPONSE = "fake.litellm.lostResponse";

    private final Clock clock;
    private final ConcurrentLinkedQueue<RecordedCall> calls = new ConcurrentLinkedQueue<>();

    CallRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Instant received = clock.instant();
        ctx.addEndHandler(done -> {
            boolean lost = Boolean.TRUE.equals(ctx.get(LOST_RESPONSE)) || done.failed();
            int status = lost ? -1 : ctx.response().getStatusCode();
            String query = ctx.request().query();
            calls.add(new RecordedCall(ctx.request().method().name(), ctx.request().path(), query == null ? "" : query,
                status, clock.instant(), summary(ctx), received));
        });
        ctx.next();
    }

    private static String summary(RoutingContext ctx) {
        Optional<JsonObject> body = RequestBodies.tryJsonObject(ctx);
        return body.map(b -> ((JsonObject) SensitiveParams.mask(b)).encode()).orElse("");
    }

    List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    void reset() {
        calls.clear();
    }
}
