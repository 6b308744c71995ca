package ai.litellm.operator.eventlog.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Token bucket (rate per second, burst) with asynchronous, FIFO acquisition. Never blocks: a caller without a token
 * gets a future completed (on its own context) by a single Vert.x timer armed for the next token. Thread-safe; the
 * lock guards a few arithmetic operations only.
 */
public final class TokenBucket {

    private final Vertx vertx;
    private final int burst;
    private double ratePerSecond;
    private double tokens;
    private long lastRefillNanos;
    private long pausedUntilNanos;
    private final ArrayDeque<ContextCompletion> waiters = new ArrayDeque<>();
    private long timerId = -1;

    public TokenBucket(Vertx vertx, double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("need rate > 0 and burst >= 1");
        }
        this.vertx = vertx;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillNanos = System.nanoTime();
    }

    /** Completes when a token is taken; waiters are served in arrival order. */
    public Future<Void> acquire() {
        ContextCompletion waiter;
        synchronized (this) {
            long now = System.nanoTime();
            refill(now);
            if (waiters.isEmpty() && now - pausedUntilNanos >= 0 && tokens >= 1) {
                tokens -= 1;
                return Future.succeededFuture();
            }
            waiter = ContextCompletion.capture(vertx);
            waiters.add(waiter);
            armTimer(now);
        }
        return waiter.promise().future();
    }

    /** Changes the rate; waiters are re-timed against it. */
    public void setRate(double newRatePerSecond) {
        if (!(newRatePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        synchronized (this) {
            long now = System.nanoTime();
            refill(now);
            ratePerSecond = newRatePerSecond;
            rearm(now);
        }
    }

    /** Issues no token before {@code nanoTime}, and empties the bucket so the end of the pause is not a burst. */
    public void pauseUntil(long nanoTime) {
        synchronized (this) {
            long now = System.nanoTime();
            refill(now);
            if (nanoTime - pausedUntilNanos > 0) {
                pausedUntilNanos = nanoTime;
            }
            tokens = Math.min(tokens, 0);
            rearm(now);
        }
    }

    public synchronized double rate() {
        return ratePerSecond;
    }

    public int burst() {
        return burst;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    private void refill(long now) {
        long from = Math.max(lastRefillNanos, pausedUntilNanos);
        if (now > from) {
            tokens = Math.min(burst, tokens + (now - from) * ratePerSecond / 1e9);
        }
        lastRefillNanos = Math.max(lastRefillNanos, now);
    }

    private void rearm(long now) {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        armTimer(now);
    }

    private void armTimer(long now) {
        if (timerId != -1 || waiters.isEmpty()) {
            return;
        }
        long untilToken = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1e9 / ratePerSecond);
        long untilUnpaused = Math.max(0, pausedUntilNanos - now);
        long delayNanos = Math.max(untilToken, untilUnpaused);
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999));
        timerId = vertx.setTimer(delayMs, id -> onTimer());
    }

    private void onTimer() {
        List<ContextCompletion> granted = new ArrayList<>();
        synchronized (this) {
            timerId = -1;
            long now = System.nanoTime();
            refill(now);
            if (now - pausedUntilNanos >= 0) {
                while (tokens >= 1 && !waiters.isEmpty()) {
                    tokens -= 1;
                    granted.add(waiters.poll());
                }
            }
            armTimer(now);
        }
        // Completed outside the lock: continuations may call acquire() again.
        for (ContextCompletion c : granted) {
            c.complete();
        }
    }
}
