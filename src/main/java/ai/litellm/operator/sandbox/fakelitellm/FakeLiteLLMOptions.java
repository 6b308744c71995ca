package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Knobs of one {@link FakeLiteLLM}. The running fake reads this object on every request, so tests may flip any
 * knob at runtime through {@link FakeLiteLLM#options()}; fields are volatile for that reason. Only {@link #port},
 * {@link #replicas} and {@link #saltKey} are fixed at start.
 */
public final class FakeLiteLLMOptions {

    /** How a "lost response" create fails after the row was committed. */
    public enum LostResponse { RESET_CONNECTION, BAD_GATEWAY }

    private volatile int port = 0;
    private volatile String host = "127.0.0.1";
    private volatile String masterKey = "sk-fake-master-key";
    private volatile Set<String> nonAdminKeys = Set.of();
    private volatile String saltKey;
    private volatile boolean dbConnected = true;
    private volatile boolean dbDown = false;
    private volatile boolean storeModelInDb = true;
    private final List<JsonObject> configModels = new CopyOnWriteArrayList<>();
    private volatile long latencyMs = 0;
    private volatile double failureFraction = 0.0;
    private volatile int failureStatus = 500;
    private volatile long failureSeed = 42L;
    private volatile int rateLimitPerSecond = 0;
    private volatile String alwaysRateLimitedRetryAfter;
    private volatile double writeServiceMs = 0;
    private volatile double writeServicePerModelMs = 0;
    private volatile double readServiceMs = 0;
    private volatile double listServicePerModelMs = 0;
    private volatile int serviceWorkers = 1;
    private volatile boolean down = false;
    private volatile int replicas = 1;
    private volatile long pollDelayMs = 0;
    private volatile String litellmVersion = "1.74.9";
    private volatile boolean createErrorsEchoRequest = false;
    private volatile double lostWriteFraction = 0.0;
    private volatile LostResponse lostWriteKind = LostResponse.RESET_CONNECTION;

    public int port() { return port; }
    /** 0 picks a random free port. */
    public FakeLiteLLMOptions port(int port) { this.port = port; return this; }

    public String host() { return host; }
    public FakeLiteLLMOptions host(String host) { this.host = Objects.requireNonNull(host); return this; }

    public String masterKey() { return masterKey; }
    public FakeLiteLLMOptions masterKey(String masterKey) { this.masterKey = Objects.requireNonNull(masterKey); return this; }

    /** Valid virtual keys that are not proxy admins: they authenticate, but model writes answer 403. */
    public Set<String> nonAdminKeys() { return nonAdminKeys; }
    public FakeLiteLLMOptions nonAdminKeys(Set<String> keys) { this.nonAdminKeys = Set.copyOf(keys); return this; }

    /** LITELLM_SALT_KEY; when null the master key at start is used, as the real proxy does. Fixed at start. */
    public String saltKey() { return saltKey; }
    public FakeLiteLLMOptions saltKey(String saltKey) { this.saltKey = saltKey; return this; }

    /** false = no DATABASE_URL (prisma_client is None). */
    public boolean dbConnected() { return dbConnected; }
    public FakeLiteLLMOptions dbConnected(boolean v) { this.dbConnected = v; return this; }

    /** true = a DB is configured but unreachable (outage): writes fail, readiness answers 503. */
    public boolean dbDown() { return dbDown; }
    public FakeLiteLLMOptions dbDown(boolean v) { this.dbDown = v; return this; }

    public boolean storeModelInDb() { return storeModelInDb; }
    public FakeLiteLLMOptions storeModelInDb(boolean v) { this.storeModelInDb = v; return this; }

    /** Read-only config-file deployments ({model_name, litellm_params, model_info?}); ids are hashed when absent. */
    public List<JsonObject> configModels() { return List.copyOf(configModels); }
    public FakeLiteLLMOptions configModels(List<JsonObject> models) {
        configModels.clear();
        models.forEach(m -> configModels.add(m.copy()));
        return this;
    }

    /** Added latency before every non-health request is handled; applied with timers, never blocking. */
    public long latencyMs() { return latencyMs; }
    public FakeLiteLLMOptions latencyMs(long ms) { this.latencyMs = Math.max(0, ms); return this; }

    /** Fraction (0..1) of non-health calls answered with {@link #failureStatus()} before any state change. */
    public double failureFraction() { return failureFraction; }
    public FakeLiteLLMOptions failureFraction(double f) { this.failureFraction = Math.max(0, Math.min(1, f)); return this; }

    public int failureStatus() { return failureStatus; }
    public FakeLiteLLMOptions failureStatus(int status) { this.failureStatus = status; return this; }

    /** Seed of the failure-fraction random source; read at start and by {@link FakeLiteLLM#reseedFailures(long)}. */
    public long failureSeed() { return failureSeed; }
    public FakeLiteLLMOptions failureSeed(long seed) { this.failureSeed = seed; return this; }

    /** Above this many non-health calls per second answer 429 with Retry-After; 0 disables. */
    public int rateLimitPerSecond() { return rateLimitPerSecond; }
    public FakeLiteLLMOptions rateLimitPerSecond(int rps) { this.rateLimitPerSecond = Math.max(0, rps); return this; }

    /**
     * Non-null = every non-health call answers 429 with this {@code Retry-After} header value (as sent, so a test can
     * send a value too large for any clock, e.g. {@code "99999999999999"}), before any state change; null disables.
     */
    public String alwaysRateLimitedRetryAfter() { return alwaysRateLimitedRetryAfter; }
    public FakeLiteLLMOptions alwaysRateLimitedRetryAfter(String retryAfter) {
        this.alwaysRateLimitedRetryAfter = retryAfter;
        return this;
    }

    /**
     * Service time of a model write (create, PATCH, old update, delete) on one worker, in milliseconds; 0 with every
     * other cost 0 turns the cost model off ({@link ServiceCost} says where each cost comes from). With one worker and
     * no per-model cost the proxy takes {@code 1000 / writeServiceMs} writes per second, whoever asks.
     */
    public double writeServiceMs() { return writeServiceMs; }
    public FakeLiteLLMOptions writeServiceMs(double ms) { this.writeServiceMs = Math.max(0, ms); return this; }

    /** Added to a create's and a PATCH's service time per model the proxy holds (their router reload). */
    public double writeServicePerModelMs() { return writeServicePerModelMs; }
    public FakeLiteLLMOptions writeServicePerModelMs(double ms) { this.writeServicePerModelMs = Math.max(0, ms); return this; }

    /** Service time of a read of one model; a list adds {@link #listServicePerModelMs()} per model held. */
    public double readServiceMs() { return readServiceMs; }
    public FakeLiteLLMOptions readServiceMs(double ms) { this.readServiceMs = Math.max(0, ms); return this; }

    public double listServicePerModelMs() { return listServicePerModelMs; }
    public FakeLiteLLMOptions listServicePerModelMs(double ms) { this.listServicePerModelMs = Math.max(0, ms); return this; }

    /**
     * Requests served at once under the cost model: uvicorn workers times replicas, each one FIFO server that every
     * request (reads too) waits for. Read per request: a test may change it while the proxy runs.
     */
    public int serviceWorkers() { return serviceWorkers; }
    public FakeLiteLLMOptions serviceWorkers(int n) {
        if (n < 1) throw new IllegalArgumentException("serviceWorkers must be >= 1");
        this.serviceWorkers = n;
        return this;
    }

    /** true = every request (health included) answers 503, like a Service with no ready endpoints. */
    public boolean down() { return down; }
    public FakeLiteLLMOptions down(boolean v) { this.down = v; return this; }

    /** Number of simulated proxy workers/replicas, each with its own router view. Fixed at start. */
    public int replicas() { return replicas; }
    public FakeLiteLLMOptions replicas(int n) {
        if (n < 1) throw new IllegalArgumentException("replicas must be >= 1");
        this.replicas = n;
        return this;
    }

    /** How often each replica re-reads the DB into its router; 0 = router views always equal the DB. */
    public long pollDelayMs() { return pollDelayMs; }
    public FakeLiteLLMOptions pollDelayMs(long ms) { this.pollDelayMs = Math.max(0, ms); return this; }

    /**
     * true = every create that passes validation and auth fails the way {@code add_new_model} reports any exception
     * it did not raise itself: 400 {@code "Authentication Error, " + str(e)} (reference §1.2), where {@code str(e)}
     * embeds the request as a Python repr, secrets included, unescaped and untruncated. Nothing is stored.
     */
    public boolean createErrorsEchoRequest() { return createErrorsEchoRequest; }
    public FakeLiteLLMOptions createErrorsEchoRequest(boolean v) { this.createErrorsEchoRequest = v; return this; }

    /**
     * Fraction (0..1) of model writes (create, update, PATCH, delete) that are committed and then lose their answer
     * the way {@link #lostWriteKind()} says; the draws are seeded by {@link #failureSeed()}.
     */
    public double lostWriteFraction() { return lostWriteFraction; }
    public FakeLiteLLMOptions lostWriteFraction(double f) { this.lostWriteFraction = Math.max(0, Math.min(1, f)); return this; }

    public LostResponse lostWriteKind() { return lostWriteKind; }
    public FakeLiteLLMOptions lostWriteKind(LostResponse how) { this.lostWriteKind = Objects.requireNonNull(how); return this; }

    public String litellmVersion() { return litellmVersion; }
    public FakeLiteLLMOptions litellmVersion(String v) { this.litellmVersion = Objects.requireNonNull(v); return this; }
}
