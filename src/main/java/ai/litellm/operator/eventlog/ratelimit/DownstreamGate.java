package ai.litellm.operator.eventlog.ratelimit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Admission to one downstream: at most {@link AdaptiveConcurrencyLimit#allowed} calls in flight, then a FIFO wait queue
 * of at most {@code queueCap} callers; beyond it, or while the downstream is paused by a Retry-After (capped at
 * {@code maxPause}), a caller is turned away at once with a {@link DownstreamDeferral} that tells it when to come back.
 * Those times are reservations on a virtual clock that advances by the downstream's estimated service interval
 * ({@code smoothed rtt / limit}, Little's law, taken a quarter short) per caller, starting after the pause and after
 * the callers already queued, so turned-away callers return spread out at about the rate the downstream can take them
 * (a little early rather than late: an early one is turned away again, a late one leaves the downstream idle). A pause also turns
 * away everyone queued. Thread-safe (a short lock); waiters are completed on their own Vert.x context, outside it.
 */
final class DownstreamGate {

    /** Before the first answer: an interval between reservations. */
    private static final long DEFAULT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MIN_SPACING_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long MAX_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Reservations are made this much earlier than the estimate: a caller that comes back too early is only turned
     * away again (a cheap local look, no call), one that comes back too late leaves the downstream idle.
     */
    private static final double EARLY = 0.75;
    /** How long a 429/503 keeps the downstream counted as throttled (the gauge). */
    private static final long THROTTLED_MEMORY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** How a call ended, for the limit. */
    enum Outcome {
        /** Answered: a latency sample. */
        ANSWERED,
        /** 429/503: halve the limit; pause for the Retry-After if any. */
        THROTTLED,
        /** Timed out: halve the limit. */
        DROPPED,
        /** Failed otherwise, or never started: no sample. */
        NO_SAMPLE
    }

    /** One admitted call; released exactly once. */
    final class Slot {
        private final int inFlightAtStart;
        private long startNanos = System.nanoTime();
        private boolean released;

        private Slot(int inFlightAtStart) {
            this.inFlightAtStart = inFlightAtStart;
        }

        /** The call itself starts now (a rate token may have been waited for since admission). */
        void started() {
            startNanos = System.nanoTime();
        }

        void release(Outcome outcome, Duration retryAfterOrNull) {
            DownstreamGate.this.release(this, outcome, retryAfterOrNull);
        }
    }

    private record Waiter(Promise<Slot> promise, Context context) {
        void complete(Slot slot) {
            context.runOnContext(v -> promise.complete(slot));
        }

        void fail(Throwable t) {
            context.runOnContext(v -> promise.fail(t));
        }
    }

    private final Vertx vertx;
    private final String limiterClass;
    private final AdaptiveConcurrencyLimit limit;
    private final int queueCap;
    private final Duration maxPause;
    private final long maxPauseNanos;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int inFlight;
    private long pausedUntilNanos;
    private long nextReservationNanos;
    private long lastThrottleNanos;
    private boolean throttledOnce;

    DownstreamGate(Vertx vertx, String limiterClass, AdaptiveConcurrencyLimit limit, int queueCap, Duration maxPause) {
        if (queueCap < 0 || maxPause.isNegative() || maxPause.isZero()) {
            throw new IllegalArgumentException("need queueCap >= 0 and maxPause > 0");
        }
        this.vertx = vertx;
        this.limiterClass = limiterClass;
        this.limit = limit;
        this.queueCap = queueCap;
        this.maxPause = maxPause;
        this.maxPauseNanos = maxPause.toNanos();
        long now = System.nanoTime();
        this.pausedUntilNanos = now;
        this.nextReservationNanos = now;
    }

    /**
     * A slot now, a slot later (queued), or a {@link DownstreamDeferral} now. A queued caller holds nothing but its
     * place: it may give everything else back meanwhile.
     */
    Future<Slot> acquire() {
        Waiter w;
        synchronized (this) {
            long now = System.nanoTime();
            if (paused(now)) {
                return Future.failedFuture(defer(DownstreamDeferral.Reason.PAUSED, now, 0));
            }
            if (waiters.isEmpty() && inFlight < limit.allowed(now)) {
                return Future.succeededFuture(admit());
            }
            if (waiters.size() >= queueCap) {
                return Future.failedFuture(defer(DownstreamDeferral.Reason.BUSY, now, waiters.size()));
            }
            w = new Waiter(Promise.promise(), vertx.getOrCreateContext());
            waiters.add(w);
        }
        return w.promise().future();
    }

    /** Gives a slot back that a queued caller no longer wants (it went away while it waited). */
    void cancel(Slot s) {
        release(s, Outcome.NO_SAMPLE, null);
    }

    private void release(Slot s, Outcome outcome, Duration retryAfterOrNull) {
        List<Waiter> admitted = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        List<Waiter> turnedAway = new ArrayList<>();
        List<DownstreamDeferral> reasons = new ArrayList<>();
        synchronized (this) {
            if (s.released) {
                return;
            }
            s.released = true;
            inFlight--;
            long now = System.nanoTime();
            switch (outcome) {
                case ANSWERED -> limit.onSample(now - s.startNanos, s.inFlightAtStart, now);
                case THROTTLED -> {
                    limit.onLoss(now);
                    throttledOnce = true;
                    lastThrottleNanos = now;
                    pause(now, retryAfterOrNull);
                }
                case DROPPED -> limit.onLoss(now);
                case NO_SAMPLE -> { }
            }
            if (paused(now)) {
                Waiter w;
                while ((w = waiters.poll()) != null) {
                    turnedAway.add(w);
                    reasons.add(defer(DownstreamDeferral.Reason.PAUSED, now, 0));
                }
            } else {
                while (!waiters.isEmpty() && inFlight < limit.allowed(now)) {
                    admitted.add(waiters.poll());
                    slots.add(admit());
                }
            }
        }
        for (int i = 0; i < admitted.size(); i++) {
            admitted.get(i).complete(slots.get(i));
        }
        for (int i = 0; i < turnedAway.size(); i++) {
            turnedAway.get(i).fail(reasons.get(i));
        }
    }

    private Slot admit() {
        inFlight++;
        return new Slot(inFlight);
    }

    private boolean paused(long now) {
        return now - pausedUntilNanos < 0;
    }

    /** Honours a Retry-After, capped: a value too large for any clock is just the cap. */
    private void pause(long now, Duration retryAfterOrNull) {
        if (retryAfterOrNull == null || retryAfterOrNull.isNegative() || retryAfterOrNull.isZero()) {
            return;
        }
        long nanos = retryAfterOrNull.compareTo(maxPause) >= 0 ? maxPauseNanos : retryAfterOrNull.toNanos();
        if (now + nanos - pausedUntilNanos > 0) {
            pausedUntilNanos = now + nanos;
        }
    }

    /**
     * A deferral with its own reservation: after the pause and after {@code ahead} queued callers, one service interval
     * after the previous reservation. Reservations reach at most one {@code maxPause} past the end of the pause (so a
     * deferral is never longer than twice {@code maxPause}); a caller beyond that reserves nothing and comes back at a
     * random time in the second half of that window (and reserves then), so the clock never runs away.
     */
    private DownstreamDeferral defer(DownstreamDeferral.Reason reason, long now, int ahead) {
        long spacing = spacingNanos();
        long pauseLeft = paused(now) ? pausedUntilNanos - now : 0;
        long base = now + pauseLeft + ahead * spacing;
        long at = (nextReservationNanos - base > 0 ? nextReservationNanos : base) + spacing;
        long hint = at - now;
        if (hint > pauseLeft + maxPauseNanos) {
            hint = pauseLeft + maxPauseNanos / 2 + ThreadLocalRandom.current().nextLong(maxPauseNanos / 2 + 1);
        } else {
            nextReservationNanos = at;
        }
        return new DownstreamDeferral(limiterClass, reason, Duration.ofNanos(hint));
    }

    private long spacingNanos() {
        double srtt = limit.smoothedRttNanos();
        if (srtt <= 0) {
            return DEFAULT_SPACING_NANOS;
        }
        long s = (long) (EARLY * srtt / Math.max(1, limit.limit()));
        return Math.max(MIN_SPACING_NANOS, Math.min(MAX_SPACING_NANOS, s));
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    synchronized double currentLimit() {
        return limit.limit();
    }

    synchronized double smoothedRttNanos() {
        return limit.smoothedRttNanos();
    }

    synchronized long minRttNanos() {
        return limit.minRttNanos();
    }

    int maxLimit() {
        return limit.max();
    }

    /** Paused now, or answered 429/503 within the last minute. */
    synchronized boolean throttled() {
        long now = System.nanoTime();
        return paused(now) || (throttledOnce && now - lastThrottleNanos < THROTTLED_MEMORY_NANOS);
    }
}
