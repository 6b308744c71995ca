package ai.litellm.operator.eventlog.ratelimit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How many calls one downstream gets at once, found from its latency the way TCP Vegas finds a congestion window (the
 * approach of Netflix's concurrency-limits, VegasLimit), with a multiplicative decrease on loss (429/503, timeouts):
 * <ul>
 *   <li>Once per window (at least one smoothed rtt, and {@value #WINDOW_SAMPLES_PER_LIMIT} samples per call of the
 *       limit or four rtts; per-call updates overshoot, since every call of a round trip reports the same queue): the
 *       queue the downstream holds, {@code q = L * (1 - minRtt / rtt)} with the window's standing rtt, its shortest
 *       round trip (calls waiting there rather than being served). Not its mean: a call queued at the downstream waits
 *       behind the others, so every call of the window pays the queue, while a delay on the caller's side (a busy event
 *       loop or CPU) hits calls at random. With the mean, a fast proxy seen through a loaded 2-core machine looked like
 *       a queue of nearly the whole limit and was held at about {@code 6t} (the "standing RTT" of Copa, Arun and
 *       Balakrishnan, NSDI 2018). No queue ({@code q <= t}): {@code L += b}; a small one ({@code q < a}):
 *       {@code L += t}; a long one ({@code q > b}): down to the calls it serves without a queue plus {@code b}
 *       ({@code L * minRtt / rtt + b}), at least by {@code t}; in between it stays. {@code t = max(1, log10 L)},
 *       {@code a = 3t}, {@code b = 6t}. The limit only grows while it is used (at least {@code L / 2} in
 *       flight).</li>
 *   <li>{@code minRtt} is the lowest round trip seen; a call that ran alone replaces it once it is older than the probe
 *       interval (and at least {@value #PROBE_ROUND_TRIPS} smoothed round trips old), and when it is that old the limit
 *       is 1 until such a call completed (a probe: the downstream is drained once per interval, costing two round trips
 *       or so). A downstream that got slower (a fuller database, a capacity halved) is so measured again instead of
 *       looking like a queue for ever.</li>
 *   <li>A throttle or a drop halves the limit, at most once per {@code max(1 s, smoothed rtt)}, so the burst of 429s
 *       of calls already in flight counts once.</li>
 * </ul>
 * With one serialising downstream (LiteLLM reloads its router on every write) this settles at a handful of calls in
 * flight: enough to keep it busy, few enough that a call never waits long there. Not thread-safe: its
 * {@link DownstreamGate} guards it. Times are {@code System.nanoTime()} values passed in.
 */
final class AdaptiveConcurrencyLimit {

    private static final long MIN_DECREASE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final double DECREASE_FACTOR = 0.5;
    /** Weight of a new sample in the smoothed round trip. */
    private static final double SRTT_GAIN = 0.125;
    /**
     * A window holds at least this many samples per call of the limit (or lasts four round trips): its shortest round
     * trip then stands for what every call paid, not for one lucky call.
     */
    private static final int WINDOW_SAMPLES_PER_LIMIT = 4;
    /** Probes of the no-load round trip are at least this many (smoothed) round trips apart. */
    static final int PROBE_ROUND_TRIPS = 30;

    private final int min;
    private final int max;
    private final long probeIntervalNanos;
    private double limit;
    private long minRttNanos;
    private long nextProbeAfterNanos;
    private double srttNanos;
    private long lastDecreaseNanos;
    private boolean decreased;
    private long windowStartNanos;
    private long windowMinRtt;
    private int windowSamples;
    private int windowMaxInFlight;

    /**
     * @param initial the limit before anything was measured
     * @param max     the ceiling (the connection pool per endpoint: more would only wait there)
     */
    AdaptiveConcurrencyLimit(int initial, int min, int max, long probeIntervalNanos) {
        if (min < 1 || max < min || initial < min || initial > max || probeIntervalNanos <= 0) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max and a probe interval");
        }
        this.min = min;
        this.max = max;
        this.limit = initial;
        this.probeIntervalNanos = probeIntervalNanos;
    }

    /** Calls allowed in flight now: the limit, or 1 while a probe of the round trip is due (never for a fixed one). */
    int allowed(long now) {
        return min < max && probeDue(now) ? 1 : (int) limit;
    }

    private boolean probeDue(long now) {
        return minRttNanos > 0 && now - nextProbeAfterNanos >= 0;
    }

    /**
     * A call answered normally.
     *
     * @param inFlightAtStart calls in flight when it started, itself included
     */
    void onSample(long rttNanos, int inFlightAtStart, long now) {
        long rtt = Math.max(1, rttNanos);
        srttNanos = srttNanos == 0 ? rtt : srttNanos + SRTT_GAIN * (rtt - srttNanos);
        boolean alone = inFlightAtStart <= 1;
        if (minRttNanos == 0 || rtt < minRttNanos || (alone && probeDue(now))) {
            minRttNanos = rtt;
            scheduleProbe(now);
            startWindow(now);
            return;
        }
        windowMinRtt = windowSamples == 0 ? rtt : Math.min(windowMinRtt, rtt);
        windowSamples++;
        windowMaxInFlight = Math.max(windowMaxInFlight, inFlightAtStart);
        long elapsed = now - windowStartNanos;
        if (elapsed >= (long) srttNanos
                && (windowSamples >= WINDOW_SAMPLES_PER_LIMIT * limit || elapsed >= 4 * (long) srttNanos)) {
            update(windowMinRtt, windowMaxInFlight);
            startWindow(now);
        }
    }

    /** @param rtt the window's standing round trip: its shortest, the part every call of the window paid */
    private void update(double rtt, int maxInFlight) {
        double q = limit * (1 - minRttNanos / rtt);
        double t = Math.max(1, Math.log10(limit));
        double next = limit;
        if (q > 6 * t) {
            next = Math.min(limit - t, limit * minRttNanos / rtt + 6 * t);
        } else if (maxInFlight * 2 >= limit) {
            if (q <= t) {
                next = limit + 6 * t;
            } else if (q < 3 * t) {
                next = limit + t;
            }
        }
        limit = Math.max(min, Math.min(max, next));
    }

    private void startWindow(long now) {
        windowStartNanos = now;
        windowMinRtt = 0;
        windowSamples = 0;
        windowMaxInFlight = 0;
    }

    /** The downstream asked to slow down (429/503) or a call timed out: halve the limit, once per window. */
    void onLoss(long now) {
        long window = Math.max(MIN_DECREASE_WINDOW_NANOS, (long) srttNanos);
        if (!decreased || now - lastDecreaseNanos >= window) {
            decreased = true;
            lastDecreaseNanos = now;
            limit = Math.max(min, limit * DECREASE_FACTOR);
        }
    }

    private void scheduleProbe(long now) {
        // Jitter, so that the proxies of one operator do not all probe at once. A probe drains the downstream and runs
        // one call alone: about two round trips at a limit of 1. Never more often than every PROBE_ROUND_TRIPS round
        // trips, or a downstream slower than the interval would be drained every round trip.
        double jitter = 0.75 + 0.5 * ThreadLocalRandom.current().nextDouble();
        long interval = Math.max(probeIntervalNanos, (long) (PROBE_ROUND_TRIPS * srttNanos));
        nextProbeAfterNanos = now + (long) (interval * jitter);
    }

    /** The current limit (a gauge). */
    double limit() {
        return limit;
    }

    int max() {
        return max;
    }

    /** Smoothed round trip in nanoseconds, 0 before the first sample. */
    double smoothedRttNanos() {
        return srttNanos;
    }

    /** Lowest round trip (no-load estimate) in nanoseconds, 0 before the first sample. */
    long minRttNanos() {
        return minRttNanos;
    }

}
