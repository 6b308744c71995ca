package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers of committed model writes that never reach the caller: the write is applied, then the connection is reset or
 * a gateway answers 502 (a proxy pod killed or a load balancer timing out after the commit). Either the next create
 * ({@link FakeLiteLLM#loseNextCreateResponse}) or a seeded fraction of every write
 * ({@link FakeLiteLLMOptions#lostWriteFraction()}).
 */
final class LostAnswers {
    /** Keeps this sequence apart from the failure-fraction one, which starts from the same seed. */
    private static final long SEED_SALT = 0x5EED_1055L;

    private final FakeLiteLLMOptions options;
    private final AtomicReference<FakeLiteLLMOptions.LostResponse> nextCreate = new AtomicReference<>();
    private Random random;

    LostAnswers(FakeLiteLLMOptions options) {
        this.options = options;
        this.random = new Random(options.failureSeed() ^ SEED_SALT);
    }

    void loseNextCreate(FakeLiteLLMOptions.LostResponse how) {
        nextCreate.set(Objects.requireNonNull(how));
    }

    synchronized void reseed(long seed) {
        random = new Random(seed ^ SEED_SALT);
    }

    /** Sends the 200 answer of a committed write, or loses it. */
    void answer(RoutingContext ctx, boolean create, JsonObject body) {
        FakeLiteLLMOptions.LostResponse lost = create ? nextCreate.getAndSet(null) : null;
        if (lost == null && draw()) {
            lost = options.lostWriteKind();
        }
        if (lost == FakeLiteLLMOptions.LostResponse.RESET_CONNECTION) {
            ctx.put(CallRecorder.LOST_RESPONSE, Boolean.TRUE);
            ctx.request().connection().close();
        } else if (lost == FakeLiteLLMOptions.LostResponse.BAD_GATEWAY) {
            ctx.response().setStatusCode(502).putHeader("content-type", "text/html")
                .end("<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>");
        } else {
            ProxyErrors.json(ctx, 200, body);
        }
    }

    private synchronized boolean draw() {
        double fraction = options.lostWriteFraction();
        return fraction > 0 && random.nextDouble() < fraction;
    }
}
