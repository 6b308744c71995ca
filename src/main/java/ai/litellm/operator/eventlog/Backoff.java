package ai.litellm.operator.eventlog;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Per-key exponential backoff with jitter: base * 2^(failures-1), capped, times a factor in [0.8, 1.2). */
final class Backoff {

    private final long baseNanos;
    private final long capNanos;

    Backoff(Duration base, Duration cap) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
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
