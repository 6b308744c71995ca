package ai.litellm.operator.eventlog;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * The one Vert.x timer of a partition, kept armed for the head of its {@link DelayQueue}. Arming for a later time than
 * the armed one is a no-op (the earlier firing re-arms for the rest), so most delays cost no timer operation. Use it on
 * one context only: the timer fires on the context that armed it.
 */
final class DelayTimer {

    private final Vertx vertx;
    private final Handler<Long> fire;
    private long timerId = -1;
    private long dueNanos;

    /** @param onFire runs when the armed time is reached (the timer is then disarmed) */
    DelayTimer(Vertx vertx, Runnable onFire) {
        this.vertx = vertx;
        this.fire = id -> {
            timerId = -1;
            onFire.run();
        };
    }

    /** Makes sure the timer fires no later than {@code dueNanos} (rounded up to the next millisecond). */
    void arm(long dueNanos, long nowNanos) {
        if (timerId != -1) {
            if (this.dueNanos <= dueNanos) {
                return; // fires early enough
            }
            vertx.cancelTimer(timerId);
        }
        this.dueNanos = dueNanos;
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(dueNanos - nowNanos + 999_999));
        timerId = vertx.setTimer(delayMs, fire);
    }

    void disarm() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    boolean isArmed() {
        return timerId != -1;
    }
}
