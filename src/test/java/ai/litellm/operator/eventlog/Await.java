package ai.litellm.operator.eventlog;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polling waits with generous deadlines: tests must pass on a loaded 2-core machine. */
final class Await {

    static final Duration LONG = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what.get());
            }
            sleep(2);
        }
    }

    static <T> T result(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("future failed: " + e, e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ResourceEvent event(String name, EventType type, long generation) {
        return new ResourceEvent("Model", "ns", name, "uid-" + name, "1", generation, type, System.currentTimeMillis());
    }
}
