package ai.litellm.operator.eventlog;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-key exponential backoff with jitter: base * 2^(failures-1), capped, times a factor in [0.8, 1.2). The cap also
 * bounds every delay a downstream asks for (a Retry-After, a deferral).
 */
final class Backoff {

    private final long baseNanos;
    private final Duration cap;
    private final long capNanos;

    Backoff(Duration base, Duration cap) {
        this.baseNanos = base.toNanos();
        this.cap = cap;
        this.capNanos = cap.toNanos();
    }

    /** {@code d} capped at the cap, in nanoseconds; never overflows (a Retry-After of 10^14 s is just "the cap"). */
    long capped(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.compareTo(cap) >= 0 ? capNanos : d.toNanos();
    }

    /**
     * A deferral capped at twice the cap: a downstream's pause (a Retry-After, itself at most the cap) plus the spread
     * of its turned-away callers after it (at most one cap more).
     */
    long cappedDeferral(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.compareTo(cap.multipliedBy(2)) >= 0 ? 2 * capNanos : d.toNanos();
    }

    /** @param failures consecutive failures so far (>= 1) */
    long delayNanos(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 62);
        long exp = baseNanos;
        for (int i = 0; i < shift && exp < capNanos; i++) {
            exp <<= 1;
        }
        exp = Math.min(exp, capNanos);
        // Jitter spreads the retries of keys that failed together (e.g. one proxy outage) so they do not return together.
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.min(capNanos, (long) (exp * factor));
    }
}
