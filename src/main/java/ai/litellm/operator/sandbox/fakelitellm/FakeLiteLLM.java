package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * An in-memory LiteLLM proxy (≈1.74.9) that speaks the model-management contract of
 * {@code litellm-management-api.md}: same routes, auth headers, error envelopes, encryption on writes and secret
 * stripping on reads, plus knobs for the failure modes an operator must survive (latency, 429, 5xx, outage,
 * lagging replicas, write answers lost after the commit, a restart on an empty database) and, optionally, what each
 * call costs the real proxy ({@link ServiceCost}: a FIFO server per worker whose write service time grows with the
 * models held). One instance = one proxy (one Service); it owns its HTTP server only.
 */
public final class FakeLiteLLM {
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final Vertx vertx;
    private final FakeLiteLLMOptions options;
    private final Clock clock = Clock.systemUTC();
    private final FakeModelStore store;
    private final FakeCredentialStore credentials;
    private final CallRecorder recorder;
    private final FaultInjection faults;
    private final LostAnswers lostAnswers;
    private final AtomicReference<FakeLiteLLMOptions.LostResponse> loseNextCredentialWrite = new AtomicReference<>();
    private final Router router;
    private volatile HttpServer server;
    private volatile int port;

    private FakeLiteLLM(Vertx vertx, FakeLiteLLMOptions options) {
        this.vertx = vertx;
        this.options = options;
        String salt = options.saltKey() != null ? options.saltKey() : options.masterKey();
        ParamCipher cipher = new ParamCipher(salt);
        this.store = new FakeModelStore(options, cipher, System::nanoTime);
        this.credentials = new FakeCredentialStore(options, cipher, System::nanoTime);
        this.recorder = new CallRecorder(clock);
        this.faults = new FaultInjection(vertx, options, clock::millis);
        this.lostAnswers = new LostAnswers(options);
        this.router = buildRouter();
    }

    /** Starts a fake on {@code options.port()} (0 = random free port); the options object stays live. */
    public static Future<FakeLiteLLM> start(Vertx vertx, FakeLiteLLMOptions options) {
        FakeLiteLLM fake = new FakeLiteLLM(Objects.requireNonNull(vertx), Objects.requireNonNull(options));
        return fake.listen(options.port()).map(fake);
    }

    private Router buildRouter() {
        Router r = Router.router(vertx);
        r.route().handler(recorder);
        r.route().handler(ctx -> {
            if (options.down()) {
                ProxyErrors.json(ctx, 503, new JsonObject().put("detail", "Service Unavailable"));
            } else {
                ctx.next();
            }
        });
        r.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        new HealthRoutes(options, clock).mount(r);
        r.route().handler(faults);
        r.route().handler(new FakeAuth(options));
        r.route().handler(new ServiceCost(vertx, options, store::rowCount));
        new ModelWriteRoutes(options, store, clock, lostAnswers).mount(r);
        new ModelReadRoutes(options, store).mount(r);
        new CredentialRoutes(options, credentials, store, loseNextCredentialWrite).mount(r);
        return r;
    }

    private Future<Void> listen(int wantedPort) {
        HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(wantedPort));
        return s.requestHandler(router).listen().map(bound -> {
            server = bound;
            port = bound.actualPort();
            return null;
        });
    }

    /** The live knobs; changes apply to the next request. */
    public FakeLiteLLMOptions options() {
        return options;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://" + options.host() + ":" + port;
    }

    /** Stops accepting connections (callers see "connection refused"); the state is kept. */
    public Future<Void> stopServer() {
        HttpServer s = server;
        server = null;
        return s == null ? Future.succeededFuture() : s.close();
    }

    /** Listens again on the same port after {@link #stopServer()}. */
    public Future<Void> restartServer() {
        return server != null ? Future.succeededFuture() : listen(port);
    }

    public Future<Void> close() {
        return stopServer();
    }

    /** The next successful create commits its row, then the caller loses the answer (reset or 502). */
    public void loseNextCreateResponse(FakeLiteLLMOptions.LostResponse how) {
        lostAnswers.loseNextCreate(how);
    }

    /** The next successful credential write (create, PATCH or delete) commits, then the caller loses the answer. */
    public void loseNextCredentialWrite(FakeLiteLLMOptions.LostResponse how) {
        loseNextCredentialWrite.set(Objects.requireNonNull(how));
    }

    /** Restarts the failure-fraction and lost-write random sequences, for reproducible fault patterns. */
    public void reseedFailures(long seed) {
        faults.reseed(seed);
        lostAnswers.reseed(seed);
    }

    public List<RecordedCall> calls() {
        return recorder.calls();
    }

    public List<RecordedCall> calls(String path) {
        return recorder.calls().stream().filter(c -> c.path().equals(path)).collect(Collectors.toList());
    }

    public void resetCalls() {
        recorder.reset();
    }

    /** How many models the DB holds (cheap: nothing is decrypted). */
    public int modelCount() {
        return store.rowCount();
    }

    /** DB rows (Prisma shape) with {@code litellm_params} decrypted, secrets included: for test assertions only. */
    public List<JsonObject> models() {
        return store.rowsDecrypted();
    }

    /**
     * Writes a deployment straight into the DB, as another client or the UI would; router views pick it up at their
     * next poll. @return the model id (generated when {@code model_info.id} is absent)
     * @throws IllegalStateException when the id exists
     */
    public String putModelDirectly(JsonObject deployment) {
        DbRow row = RowFactory.fromDeployment(deployment, store.cipher(), clock.instant());
        if (!store.insert(row)) {
            throw new IllegalStateException("model id exists: " + row.modelId);
        }
        return row.modelId;
    }

    /**
     * Empties the DB and every router view, as a proxy restarted on a fresh database: every model is forgotten. Pair
     * with {@link #stopServer()} / {@link #restartServer()} for the restart itself.
     */
    public void forgetAllModels() {
        store.clear();
        credentials.clear();
    }

    /**
     * The credential table with values decrypted (secrets included): {@code credential_name}, {@code
     * credential_values}, {@code credential_info}. For test assertions only.
     */
    public List<JsonObject> credentials() {
        return credentials.rowsDecrypted();
    }

    /**
     * The {@code litellm_params} a request to model {@code id} runs with on worker {@code replica}: its router entry,
     * with the values of its {@code litellm_credential_name} filled in from that worker's credential list for every
     * key the model does not set itself ({@code utils.load_credentials_from_list}). Empty when the worker does not know
     * the model. This is what proves a model really uses a credential.
     */
    public java.util.Optional<JsonObject> effectiveParams(int replica, String id) {
        return store.routerEntry(replica, id).map(d -> {
            JsonObject params = d.getJsonObject("litellm_params").copy();
            if (params.getValue("litellm_credential_name") instanceof String name && !name.isEmpty()) {
                credentials.valuesFor(replica, name).forEach(e -> {
                    if (!params.containsKey(e.getKey())) {
                        params.put(e.getKey(), e.getValue());
                    }
                });
            }
            return params;
        });
    }

    /** Writes a credential straight into the table, as the UI or another client would; workers load it at their poll. */
    public void putCredentialDirectly(String name, JsonObject values, JsonObject info) {
        if (credentials.create(-1, name, values, info) != FakeCredentialStore.Failure.NONE) {
            throw new IllegalStateException("credential exists: " + name);
        }
    }

    /** Deletes a credential from the table out of band; workers drop it at their poll. */
    public boolean deleteCredentialDirectly(String name) {
        return credentials.delete(-1, name) == FakeCredentialStore.Failure.NONE;
    }

    /** Deletes a DB row out of band; router views drop it at their next poll. */
    public boolean deleteModelDirectly(String id) {
        return store.deleteRow(id);
    }
}
