package ai.litellm.operator.litellm;

import java.time.Duration;

/** Settings of a {@link LiteLLMClient}; defaults suit a LiteLLM Service inside the cluster. */
public final class LiteLLMClientOptions {
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxConnectionsPerEndpoint = 8;
    private int keepAliveSeconds = 4;
    private int maxWaitQueueSize = -1;

    /** Time without response data after which a call fails as UNAVAILABLE. Default 30 s. */
    public Duration requestTimeout() { return requestTimeout; }
    public LiteLLMClientOptions requestTimeout(Duration d) { this.requestTimeout = positive(d); return this; }

    /** Time to get a connection (from the pool or a new TCP connect). Default 10 s. */
    public Duration connectTimeout() { return connectTimeout; }
    public LiteLLMClientOptions connectTimeout(Duration d) { this.connectTimeout = positive(d); return this; }

    /** HTTP/1.1 connections kept per proxy (host:port); further calls queue. Default 8. */
    public int maxConnectionsPerEndpoint() { return maxConnectionsPerEndpoint; }
    public LiteLLMClientOptions maxConnectionsPerEndpoint(int n) {
        if (n < 1) throw new IllegalArgumentException("maxConnectionsPerEndpoint must be >= 1");
        this.maxConnectionsPerEndpoint = n;
        return this;
    }

    /** Idle pooled connections are closed after this; below uvicorn's 5 s so we never reuse one it just closed. */
    public int keepAliveSeconds() { return keepAliveSeconds; }
    public LiteLLMClientOptions keepAliveSeconds(int s) { this.keepAliveSeconds = Math.max(1, s); return this; }

    /** Calls allowed to wait for a connection per endpoint; -1 = unbounded. Beyond it calls fail as UNAVAILABLE. */
    public int maxWaitQueueSize() { return maxWaitQueueSize; }
    public LiteLLMClientOptions maxWaitQueueSize(int n) { this.maxWaitQueueSize = n; return this; }

    private static Duration positive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be > 0");
        return d;
    }
}
