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
