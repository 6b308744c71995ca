package ai.litellm.operator.litellm;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Async client of LiteLLM's model- and credential-management API. One instance serves every proxy: the underlying
 * Vert.x {@link WebClient} keeps a separate connection pool per host:port. Nothing here blocks; every call ends within
 * {@link LiteLLMClientOptions#requestTimeout()} and fails only with {@link LiteLLMException}. Keys go into the
 * {@code Authorization} header and nowhere else (not logs, not messages). Model lists are decoded as they stream in
 * ({@link ModelListCodec}), so even a list of 100k models never holds the event loop for long.
 */
public final class LiteLLMClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiteLLMClient.class);

    private final Vertx vertx;
    private final WebClient web;
    private final LiteLLMClientOptions options;
    private final Clock clock;
    /** Every call of this client ends within this: the configured request timeout, or a view's shorter one. */
    private final long timeoutMs;
    /** False for a view ({@link #within}): it shares the web client of the client it came from. */
    private final boolean ownsWebClient;

    private LiteLLMClient(Vertx vertx, LiteLLMClientOptions options, Clock clock) {
        this.vertx = vertx;
        this.options = options;
        this.clock = clock;
        this.timeoutMs = options.requestTimeout().toMillis();
        this.ownsWebClient = true;
        WebClientOptions web = new WebClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(options.keepAliveSeconds())
            .setConnectTimeout((int) options.connectTimeout().toMillis())
            .setUserAgent("litellm-operator");
        PoolOptions pool = new PoolOptions()
            .setHttp1MaxSize(options.maxConnectionsPerEndpoint())
            .setMaxWaitQueueSize(options.maxWaitQueueSize());
        this.web = WebClient.create(vertx, web, pool);
    }

    private LiteLLMClient(LiteLLMClient of, long timeoutMs) {
        this.vertx = of.vertx;
        this.web = of.web;
        this.options = of.options;
        this.clock = of.clock;
        this.timeoutMs = timeoutMs;
        this.ownsWebClient = false;
    }

    public static LiteLLMClient create(Vertx vertx) {
        return create(vertx, new LiteLLMClientOptions());
    }

    public static LiteLLMClient create(Vertx vertx, LiteLLMClientOptions options) {
        return new LiteLLMClient(Objects.requireNonNull(vertx), Objects.requireNonNull(options), Clock.systemUTC());
    }

    /**
     * POST /model/new. Not idempotent: send a deterministic {@code model_info.id}; on {@code DUPLICATE_ID} or
     * {@code UNAVAILABLE} read the id back to learn whether the model exists. The returned params are ciphertext.
     */
    public Future<LiteLLMModel> createModel(LiteLLMEndpoint ep, JsonObject deployment) {
        return send(ep, LiteLLMOperation.CREATE, HttpMethod.POST, "/model/new", null, deployment)
            .compose(resp -> modelOrNull(LiteLLMOperation.CREATE, resp, LiteLLMErrors::duplicateAsNull));
    }

    /**
     * PATCH /model/{id}/update: shallow merge of {@code model_name}, {@code litellm_params} and {@code model_info};
     * null values keep stored keys (nothing can be removed). Unknown id fails with {@code NOT_FOUND}; a config-file
     * model with {@code BAD_REQUEST}.
     */
    public Future<LiteLLMModel> patchModel(LiteLLMEndpoint ep, String id, JsonObject update) {
        String path = "/model/" + pathSegment(id) + "/update";
        return send(ep, LiteLLMOperation.PATCH, HttpMethod.PATCH, path, null, update)
            .compose(resp -> model(LiteLLMOperation.PATCH, resp.statusCode(), decode(resp.body())));
    }

    /**
     * POST /model/update ({@code update_model}): overlays {@code litellm_params} on the stored row, key by key (null
     * keeps a key; nothing can be removed), and leaves {@code model_name} and {@code model_info} as they are. Unlike
     * PATCH it does not reload the proxy's router: every worker, the answering one included, takes the new values at
     * its next database poll (reference §2.3, §3.1). An id not in the database fails with {@code NOT_FOUND}; a proxy
     * with STORE_MODEL_IN_DB off answers 200 {@code null}, which fails with {@code NO_MODEL_STORE}.
     */
    public Future<LiteLLMModel> updateModelParams(LiteLLMEndpoint ep, String id, JsonObject litellmParams) {
        JsonObject body = new JsonObject()
            .put("model_info", new JsonObject().put("id", Objects.requireNonNull(id, "id")))
            .put("litellm_params", Objects.requireNonNull(litellmParams, "litellmParams"));
        return send(ep, LiteLLMOperation.UPDATE_PARAMS, HttpMethod.POST, "/model/update", null, body)
            .compose(resp -> modelOrNull(LiteLLMOperation.UPDATE_PARAMS, resp, LiteLLMErrors::notStoredAsNull));
    }

    /** POST /model/delete. An id absent from the DB (config models included) fails with {@code NOT_FOUND}. */
    public Future<Void> deleteModel(LiteLLMEndpoint ep, String id) {
        JsonObject body = new JsonObject().put("id", Objects.requireNonNull(id, "id"));
        return send(ep, LiteLLMOperation.DELETE, HttpMethod.POST, "/model/delete", null, body).mapEmpty();
    }

    /**
     * GET /model/info: every deployment (config and DB) in one response, decrypted, secrets removed. It shows the
     * router of the worker that answered, so a fresh write may be missing for one poll interval.
     */
    public Future<List<LiteLLMModel>> listModels(LiteLLMEndpoint ep) {
        return send(ep, LiteLLMOperation.LIST, HttpMethod.GET, "/model/info", null, null, new ModelListCodec(),
            ModelListCodec.Result::head)
            .compose(resp -> models(LiteLLMOperation.LIST, resp));
    }

    /** GET /model/info?litellm_model_id=: empty when this worker's router does not know the id. */
    public Future<Optional<LiteLLMModel>> getModel(LiteLLMEndpoint ep, String id) {
        Objects.requireNonNull(id, "id");
        return send(ep, LiteLLMOperation.GET, HttpMethod.GET, "/model/info", id, null, new ModelListCodec(),
            ModelListCodec.Result::head)
            .compose(resp -> models(LiteLLMOperation.GET, resp))
            .map(models -> models.stream().filter(m -> m.id().equals(id)).findFirst())
            .recover(t -> LiteLLMException.isNotFound(t)
                ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(t));
    }

    /**
     * POST /credentials. Not idempotent: a name that exists fails with {@code DUPLICATE_ID} (LiteLLM's unique
     * constraint; there is no check first). Success is HTTP 2xx with {@code success: true}.
     */
    public Future<Void> createCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info) {
        return send(ep, LiteLLMOperation.CREDENTIAL_CREATE, HttpMethod.POST, "/credentials", null,
            credentialBody(name, values, info)).mapEmpty();
    }

    /**
     * PATCH /credentials/{name}, the existence check LiteLLM makes against its database (reads come from a worker's
     * memory). The body carries the same name (another one would rename it), the values (overlaid per key: none can
     * be removed) and the whole info (older proxies replace a non-empty info, newer ones merge it). A missing name
     * fails with {@code NOT_FOUND}, including when older proxies answer it with HTTP 200.
     */
    public Future<Void> updateCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info) {
        return send(ep, LiteLLMOperation.CREDENTIAL_UPDATE, HttpMethod.PATCH, credentialPath(name), null,
            credentialBody(name, values, info)).mapEmpty();
    }

    /**
     * DELETE /credentials/{name}. A missing name fails with {@code NOT_FOUND} (a 404, or HTTP 200 carrying Prisma's
     * "Record to delete does not exist"); older proxies answer it with success.
     */
    public Future<Void> deleteCredential(LiteLLMEndpoint ep, String name) {
        return send(ep, LiteLLMOperation.CREDENTIAL_DELETE, HttpMethod.DELETE, credentialPath(name), null, null)
            .mapEmpty();
    }

    /**
     * GET /credentials/by_name/{name} from the answering worker's memory, values masked: empty when that worker does
     * not know the name (yet, or any more: it catches up with the database at its poll).
     */
    public Future<Optional<LiteLLMCredential>> getCredential(LiteLLMEndpoint ep, String name) {
        String path = "/credentials/by_name/" + pathSegment(Objects.requireNonNull(name, "name"));
        return send(ep, LiteLLMOperation.CREDENTIAL_GET, HttpMethod.GET, path, null, null)
            .compose(resp -> credential(resp.statusCode(), decode(resp.body())))
            .map(Optional::of)
            .recover(t -> LiteLLMException.isNotFound(t)
                ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(t));
    }

    /** The time every call of this client ends within. */
    public Duration requestTimeout() {
        return Duration.ofMillis(timeoutMs);
    }

    /**
     * This client with every call ending within {@code timeout} when that is shorter than {@link #requestTimeout()} (a
     * deadline the caller must keep, e.g. a fence). A call that gets no connection in time is never sent; one that gets
     * no answer in time is dropped (its connection closed). Shares the connection pools; closing the view closes
     * nothing.
     */
    public LiteLLMClient within(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        return ms >= timeoutMs ? this : new LiteLLMClient(this, ms);
    }

    @Override
    public void close() {
        if (ownsWebClient) {
            web.close();
        }
    }

    private Future<HttpResponse<Buffer>> send(LiteLLMEndpoint ep, LiteLLMOperation op, HttpMethod method, String path,
                                             String modelIdQuery, JsonObject body) {
        return send(ep, op, method, path, modelIdQuery, body, BodyCodec.buffer(), b -> b);
    }

    /** One call; {@code errorBody} picks the bytes an error message is read from out of the decoded body. */
    private <T> Future<HttpResponse<T>> send(LiteLLMEndpoint ep, LiteLLMOperation op, HttpMethod method, String path,
                                             String modelIdQuery, JsonObject body, BodyCodec<T> codec,
                                             Function<T, Buffer> errorBody) {
        long started = System.nanoTime();
        SecretScrubber scrubber = new SecretScrubber(ep.masterKey(), body);
        HttpRequest<T> request = web.requestAbs(method, ep.url(path)).as(codec)
            .putHeader("Authorization", "Bearer " + ep.masterKey())
            .putHeader("Accept", "application/json")
            .idleTimeout(timeoutMs);
        if (!ownsWebClient) {
            request.connectTimeout(timeoutMs); // a view's deadline: no connection in time, nothing is ever sent
        }
        if (modelIdQuery != null) {
            request.addQueryParam("litellm_model_id", modelIdQuery);
        }
        Future<HttpResponse<T>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return withDeadline(sent, timeoutMs).transform(ar -> {
            long elapsed = System.nanoTime() - started;
            if (ar.failed()) {
                LiteLLMException e = LiteLLMErrors.transport(op, ar.cause(), scrubber);
                return finish(ep, op, elapsed, 0, e);
            }
            HttpResponse<T> resp = ar.result();
            if (resp.statusCode() >= 200 && resp.statusCode() < 300) {
                LiteLLMException returned = op.success() == LiteLLMOperation.Success.STATUS ? null
                    : LiteLLMErrors.fromSuccessBody(op, resp.statusCode(),
                        resp.body() == null ? null : errorBody.apply(resp.body()), scrubber, clock);
                if (returned != null) {
                    return finish(ep, op, elapsed, resp.statusCode(), returned);
                }
                finish(ep, op, elapsed, resp.statusCode(), null);
                return Future.succeededFuture(resp);
            }
            Buffer bodyForError = resp.body() == null ? null : errorBody.apply(resp.body());
            LiteLLMException e = LiteLLMErrors.fromResponse(op, resp.statusCode(), bodyForError,
                resp.getHeader("Retry-After"), scrubber, clock);
            return finish(ep, op, elapsed, resp.statusCode(), e);
        });
    }

    /** The idle timeout only fires when no data flows; this bounds the whole call, including the pool wait. */
    private <T> Future<T> withDeadline(Future<T> call, long timeoutMs) {
        Promise<T> result = Promise.promise();
        long timer = vertx.setTimer(timeoutMs,
            id -> result.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms")));
        call.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                result.tryComplete(ar.result());
            } else {
                result.tryFail(ar.cause());
            }
        });
        return result.future();
    }

    private <T> Future<T> finish(LiteLLMEndpoint ep, LiteLLMOperation op, long elapsedNanos, int status,
                                 LiteLLMException error) {
        String outcome = error == null ? "ok" : error.kind().name();
        if (LOG.isDebugEnabled()) {
            LOG.debug("LiteLLM {} {} -> {} {} in {} ms", op.route(), ep.baseUrl(), status, outcome,
                elapsedNanos / 1_000_000);
        }
        return error == null ? Future.succeededFuture() : Future.failedFuture(error);
    }

    /** The model a write answered with; a 200 {@code null} (which some writes answer instead of an error) is {@code ifNull}. */
    private static Future<LiteLLMModel> modelOrNull(LiteLLMOperation op, HttpResponse<Buffer> resp,
                                                    java.util.function.IntFunction<LiteLLMException> ifNull) {
        Object json = decode(resp.body());
        return json == null ? Future.failedFuture(ifNull.apply(resp.statusCode()))
            : model(op, resp.statusCode(), json);
    }

    private static Future<LiteLLMModel> model(LiteLLMOperation op, int status, Object json) {
        if (!(json instanceof JsonObject obj)) {
            return Future.failedFuture(LiteLLMErrors.malformed(op, status, "expected a JSON object"));
        }
        try {
            return Future.succeededFuture(LiteLLMModel.fromJson(obj));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(LiteLLMErrors.malformed(op, status, e.getMessage()));
        }
    }

    private static Future<LiteLLMCredential> credential(int status, Object json) {
        if (!(json instanceof JsonObject obj)) {
            return Future.failedFuture(LiteLLMErrors.malformed(LiteLLMOperation.CREDENTIAL_GET, status,
                "expected a JSON object"));
        }
        try {
            return Future.succeededFuture(LiteLLMCredential.fromJson(obj));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(LiteLLMErrors.malformed(LiteLLMOperation.CREDENTIAL_GET, status,
                e.getMessage()));
        }
    }

    /** LiteLLM's {@code CredentialItem}: every field is required, {@code {}} allowed for info. */
    private static JsonObject credentialBody(String name, JsonObject values, JsonObject info) {
        return new JsonObject()
            .put("credential_name", Objects.requireNonNull(name, "name"))
            .put("credential_values", Objects.requireNonNull(values, "values"))
            .put("credential_info", info == null ? new JsonObject() : info);
    }

    private static String credentialPath(String name) {
        return "/credentials/" + pathSegment(Objects.requireNonNull(name, "name"));
    }

    private static Future<List<LiteLLMModel>> models(LiteLLMOperation op, HttpResponse<ModelListCodec.Result> resp) {
        ModelListCodec.Result result = resp.body();
        if (result == null || result.malformed() != null) {
            return Future.failedFuture(LiteLLMErrors.malformed(op, resp.statusCode(),
                result == null ? "empty body" : result.malformed()));
        }
        return Future.succeededFuture(result.models());
    }

    /** JSON value of the body; {@code null} for an empty body or the JSON literal null. */
    private static Object decode(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            return new Object(); // not JSON: callers report it as malformed
        }
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
