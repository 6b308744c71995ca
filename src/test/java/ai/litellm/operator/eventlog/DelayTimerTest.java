package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayTimerTest {

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    /** Runs {@code action} on one event-loop context, like a partition, and waits for it. */
    private void onContext(io.vertx.core.Context ctx, Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void firesOnceNotBeforeTheDueTimeAndALaterArmKeepsTheEarlierTime() throws Exception {
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        AtomicInteger fired = new AtomicInteger();
        AtomicLong firedAt = new AtomicLong();
        DelayTimer[] timer = new DelayTimer[1];
        long[] armedAt = new long[1];
        onContext(ctx, () -> {
            timer[0] = new DelayTimer(vertx, () -> {
                firedAt.set(System.nanoTime());
                fired.incrementAndGet();
            });
            armedAt[0] = System.nanoTime();
            timer[0].arm(armedAt[0] + TimeUnit.MILLISECONDS.toNanos(100), armedAt[0]);
            timer[0].arm(armedAt[0] + TimeUnit.SECONDS.toNanos(60), armedAt[0]); // later: a no-op
            assertTrue(timer[0].isArmed());
        });
        Await.eventually(() -> fired.get() == 1, () -> "fired");
        assertTrue(firedAt.get() - armedAt[0] >= TimeUnit.MILLISECONDS.toNanos(99), "fired early");
        onContext(ctx, () -> assertFalse(timer[0].isArmed()));
        Await.sleep(150);
        assertEquals(1, fired.get());
    }

    @Test
    void anEarlierArmReplacesTheTimerAndDisarmCancelsIt() throws Exception {
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        AtomicInteger fired = new AtomicInteger();
        DelayTimer[] timer = new DelayTimer[1];
        onContext(ctx, () -> {
            timer[0] = new DelayTimer(vertx, fired::incrementAndGet);
            long now = System.nanoTime();
            timer[0].arm(now + TimeUnit.SECONDS.toNanos(60), now);
            timer[0].arm(now + TimeUnit.MILLISECONDS.toNanos(20), now);
        });
        Await.eventually(() -> fired.get() == 1, () -> "the earlier time fired");
        onContext(ctx, () -> {
            long now = System.nanoTime();
            timer[0].arm(now + TimeUnit.MILLISECONDS.toNanos(50), now);
            timer[0].disarm();
            assertFalse(timer[0].isArmed());
        });
        Await.sleep(200);
        assertEquals(1, fired.get(), "a disarmed timer does not fire");
    }
}
