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

    private final Vertx vertx;
    private final Function<String, LimiterSettings> settingsFor;
    private final EventLogMetrics metrics;
    private final ConcurrentHashMap<String, Limiter> limiters = new ConcurrentHashMap<>();

    /** @param settingsFor the limits of a downstream, by its full name */
    public DownstreamLimiters(Vertx vertx, Function<String, LimiterSettings> settingsFor, EventLogMetrics metrics) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settingsFor = Objects.requireNonNull(settingsFor, "settingsFor");
        this.metrics = metrics != null ? metrics : EventLogMetrics.noop();
    }

    /**
     * Defaults: Kubernetes writes 50/s burst 100 (Flux's defaults; API Priority and Fairness protects the server),
     * each LiteLLM endpoint adaptive up to 20/s burst 20 with 4 concurrent calls (every management write makes the
     * proxy reload its model table), anything else unlimited.
     */
    public static DownstreamLimiters withDefaults(Vertx vertx, EventLogMetrics metrics) {
        return new DownstreamLimiters(vertx, name -> {
            if (name.equals(KUBERNETES_WRITES)) {
                return LimiterSettings.fixed(50, 100);
            }
            if (name.startsWith(LITELLM_PREFIX)) {
                return LimiterSettings.adaptive(20, 20, 4);
            }
            return LimiterSettings.unlimited();
        }, metrics);
    }

    public Limiter forDownstream(String name) {
        Objects.requireNonNull(name, "name");
        return limiters.computeIfAbsent(name, this::create);
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
        TokenBucket bucket = s.ratePerSecond() > 0 ? new TokenBucket(vertx, s.ratePerSecond(), s.burst()) : null;
        AdaptiveRateLimiter adaptive = s.adaptive()
                ? new AdaptiveRateLimiter(bucket, s.minRatePerSecond(), s.ratePerSecond(), s.increasePerSecond(),
                s.decreaseFactor())
                : null;
        ConcurrencyLimiter concurrency = s.maxConcurrent() > 0 ? new ConcurrencyLimiter(vertx, s.maxConcurrent()) : null;
        return new Limiter(name, limiterClass(name), bucket, adaptive, concurrency, metrics);
    }
}
