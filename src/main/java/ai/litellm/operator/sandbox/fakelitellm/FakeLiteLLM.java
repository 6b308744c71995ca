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
    private final CallRecorder recorder;
    private final FaultInjection faults;
    private final LostAnswers lostAnswers;
    private final Router router;
    private volatile HttpServer server;
    private volatile int port;

    private FakeLiteLLM(Vertx vertx, FakeLiteLLMOptions options) {
        this.vertx = vertx;
        this.options = options;
        String salt = options.saltKey() != null ? options.saltKey() : options.masterKey();
        this.store = new FakeModelStore(options, new ParamCipher(salt), System::nanoTime);
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
    }

    /** Deletes a DB row out of band; router views drop it at their next poll. */
    public boolean deleteModelDirectly(String id) {
        return store.deleteRow(id);
    }
}
