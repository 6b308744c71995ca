package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Latency, rate limiting (429 + Retry-After) and random failures in front of the non-public routes. Latency is a
 * Vert.x timer, so a slow fake still serves many requests concurrently. Injected failures answer before any state
 * change.
 */
final class FaultInjection implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final FakeLiteLLMOptions options;
    private final LongSupplier millisClock;
    private Random random;
    private long windowSecond = -1;
    private int windowCount;

    FaultInjection(Vertx vertx, FakeLiteLLMOptions options, LongSupplier millisClock) {
        this.vertx = vertx;
        this.options = options;
        this.millisClock = millisClock;
        this.random = new Random(options.failureSeed());
    }

    synchronized void reseed(long seed) {
        random = new Random(seed);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long latency = options.latencyMs();
        if (latency > 0) {
            vertx.setTimer(latency, id -> afterLatency(ctx));
        } else {
            afterLatency(ctx);
        }
    }

    private void afterLatency(RoutingContext ctx) {
        String alwaysRetryAfter = options.alwaysRateLimitedRetryAfter();
        if (alwaysRetryAfter != null) {
            ctx.response().putHeader("Retry-After", alwaysRetryAfter);
            ProxyErrors.proxy(ctx, 429, "Rate limit exceeded (fake LiteLLM: always throttling)", "throttling_error",
                "None");
            return;
        }
        long retryAfterSeconds = admitOrRetryAfter();
        if (retryAfterSeconds > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
            ProxyErrors.proxy(ctx, 429, "Rate limit exceeded: more than " + options.rateLimitPerSecond()
                + " requests per second", "throttling_error", "None");
            return;
        }
        if (injectFailure()) {
            int status = options.failureStatus();
            ProxyErrors.proxy(ctx, status, "Injected failure (fake LiteLLM)", "internal_server_error", "None");
            return;
        }
        ctx.next();
    }

    /** Fixed one-second windows; 0 = admitted, else seconds until the next window opens. */
    private synchronized long admitOrRetryAfter() {
        int limit = options.rateLimitPerSecond();
        if (limit <= 0) {
            return 0;
        }
        long now = millisClock.getAsLong();
        long second = now / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        if (windowCount < limit) {
            windowCount++;
            return 0;
        }
        return Math.max(1, (long) Math.ceil(((second + 1) * 1000 - now) / 1000.0));
    }

    private synchronized boolean injectFailure() {
        double fraction = options.failureFraction();
        return fraction > 0 && random.nextDouble() < fraction;
    }
}
