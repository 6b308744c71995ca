package ai.litellm.operator.eventlog.ratelimit;

import ai.litellm.operator.eventlog.EventLogMetrics;
import io.vertx.core.Vertx;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link Limiter} per downstream name, created on first use. Names are {@code class[:instance]}, e.g.
 * {@code "kubernetes-writes"} or {@code "litellm:http://proxy.ns.svc:4000"}; the class (before the first ':') is the
 * metric label, so endpoints never leak into label values.
 */
public final class DownstreamLimiters {

    public static final String KUBERNETES_WRITES = "kubernetes-writes";
    public static final String LITELLM_PREFIX = "litellm:";
    /** The adaptive limit before anything is measured; it grows within a few answers when the downstream keeps up. */
    static final int INITIAL_LIMIT = 4;
    /** How often a busy downstream's no-load round trip is measured again (see AdaptiveConcurrencyLimit). */
    static final long PROBE_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Vertx vertx;
    private final Function<String, LimiterSettings> settingsFor;
    private final EventLogMetrics metrics;
    private final ConcurrentHashMap<String, Limiter> limiters = new ConcurrentHashMap<>();
    /**
     * A downstream's limiter unused this long, and idle (nothing in flight, waiting or paused), is dropped: one per
     * proxy URL ever seen would otherwise be kept for the life of the process. A later call starts a fresh one.
     */
    static final long IDLE_EVICTION_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    private static final long SWEEP_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private volatile long nextSweepNanos = System.nanoTime() + SWEEP_EVERY_NANOS;

    /** @param settingsFor the limits of a downstream, by its full name */
    public DownstreamLimiters(Vertx vertx, Function<String, LimiterSettings> settingsFor, EventLogMetrics metrics) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settingsFor = Objects.requireNonNull(settingsFor, "settingsFor");
        this.metrics = metrics != null ? metrics : EventLogMetrics.noop();
    }

    /**
     * Kubernetes writes limited by {@code kubernetesWrites}, each LiteLLM endpoint by its own limiter with
     * {@code perLiteLLMEndpoint}, anything else unlimited. The numbers are the caller's (the operator's settings).
     */
    public static DownstreamLimiters of(Vertx vertx, LimiterSettings kubernetesWrites,
                                        LimiterSettings perLiteLLMEndpoint, EventLogMetrics metrics) {
        Objects.requireNonNull(kubernetesWrites, "kubernetesWrites");
        Objects.requireNonNull(perLiteLLMEndpoint, "perLiteLLMEndpoint");
        return new DownstreamLimiters(vertx, name -> {
            if (name.equals(KUBERNETES_WRITES)) {
                return kubernetesWrites;
            }
            return name.startsWith(LITELLM_PREFIX) ? perLiteLLMEndpoint : LimiterSettings.unlimited();
        }, metrics);
    }

    public Limiter forDownstream(String name) {
        Objects.requireNonNull(name, "name");
        long now = System.nanoTime();
        if (now - nextSweepNanos > 0) {
            nextSweepNanos = now + SWEEP_EVERY_NANOS;
            evictIdle(now, IDLE_EVICTION_NANOS);
        }
        Limiter limiter = limiters.computeIfAbsent(name, this::create);
        limiter.used(now);
        return limiter;
    }

    /** Drops the limiters idle for {@code idleNanos} (the Kubernetes writes' limiter stays). */
    int evictIdle(long now, long idleNanos) {
        int before = limiters.size();
        limiters.entrySet().removeIf(e -> !e.getKey().equals(KUBERNETES_WRITES) && e.getValue().idleSince(now, idleNanos));
        return before - limiters.size();
    }

    /** Every limiter created so far (a snapshot), for the limiter gauges. */
    public java.util.List<Limiter> all() {
        return java.util.List.copyOf(limiters.values());
    }

    /** The name of a LiteLLM endpoint's limiter. */
    public static String liteLLM(String baseUrl) {
        return LITELLM_PREFIX + baseUrl;
    }

    /** The bounded class of a downstream name: the part before the first ':'. */
    public static String limiterClass(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private Limiter create(String name) {
        LimiterSettings s = Objects.requireNonNull(settingsFor.apply(name), "no settings for " + name);
        String cls = limiterClass(name);
        TokenBucket bucket = s.ratePerSecond() > 0 ? new TokenBucket(vertx, s.ratePerSecond(), s.burst()) : null;
        DownstreamGate gate = null;
        if (s.maxConcurrent() > 0) {
            int max = s.maxConcurrent();
            AdaptiveConcurrencyLimit limit = s.adaptive()
                    ? new AdaptiveConcurrencyLimit(Math.min(INITIAL_LIMIT, max), 1, max, PROBE_INTERVAL_NANOS)
                    : new AdaptiveConcurrencyLimit(max, max, max, PROBE_INTERVAL_NANOS);
            gate = new DownstreamGate(vertx, cls, limit, s.waitQueue(), s.maxPause());
        }
        return new Limiter(name, cls, gate, bucket, metrics);
    }
}
