package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.eventlog.Fence;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.litellm.LiteLLMClient;
import ai.litellm.operator.litellm.LiteLLMCredential;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.metrics.LiteLLMMetrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Every LiteLLM call of the Model controller and of the Credential reconciler (one limiter per proxy for both, so
 * credential writes and model writes share the proxy's capacity): it waits for the endpoint's adaptive in-flight limit
 * (and its rate ceiling, if one is set), feeds latency, 429/503 and timeouts back into that limit, and is counted by
 * endpoint kind and status class. Calls are async: a proxy answering in 1 s holds a slot, not a thread; a reconcile
 * that waits for a slot holds no permit either ({@link #during}). A proxy that cannot take the call (paused by its
 * Retry-After, or its wait queue full) fails it at once with a {@code DownstreamDeferral}.
 *
 * <p>Every call of a reconcile ends by the reconcile's {@link Fence} (a replica that lost its Lease must not talk to
 * LiteLLM once another may take its work over): its timeout is the configured one or the time left until the fence
 * minus {@link #FENCE_MARGIN}, whichever is shorter, checked when the call actually starts (after any wait for a
 * slot). A call the fence leaves no time for is not made, and one the fence cut short fails as the transient problem
 * {@code Fenced} (not as a timeout: it says nothing about the proxy, so the adaptive limit does not learn from it).
 */
public final class LiteLLMCalls implements LiteLLMPort, CredentialPort {
  /** The reason of a call refused or cut short at the replica's fence. */
  static final String FENCED = "Fenced";

  /** A call must end this long before the fence: timer and scheduling lateness, far below the fence window. */
  static final Duration FENCE_MARGIN = Duration.ofMillis(250);

  private final LiteLLMClient client;
  private final DownstreamLimiters limiters;
  private final LiteLLMMetrics metrics;
  private final DownstreamWait wait;
  private final Fence fence;

  public LiteLLMCalls(LiteLLMClient client, DownstreamLimiters limiters, LiteLLMMetrics metrics) {
    this(client, limiters, metrics, DownstreamWait.HOLDING, Fence.NONE);
  }

  private LiteLLMCalls(LiteLLMClient client, DownstreamLimiters limiters, LiteLLMMetrics metrics,
      DownstreamWait wait, Fence fence) {
    this.client = client;
    this.limiters = limiters;
    this.metrics = metrics;
    this.wait = wait;
    this.fence = fence;
  }

  /** Both ports' {@code during}: one object bound to the reconcile serves model and credential calls alike. */
  @Override
  public LiteLLMCalls during(ReconcileRequest<?> req) {
    return new LiteLLMCalls(client, limiters, metrics, req.downstreamWait(), req.fence());
  }

  @Override
  public Future<LiteLLMModel> create(LiteLLMEndpoint ep, JsonObject body) {
    return call(ep, "model_new", c -> c.createModel(ep, body));
  }

  @Override
  public Future<LiteLLMModel> patch(LiteLLMEndpoint ep, String id, JsonObject body) {
    return call(ep, "model_update", c -> c.patchModel(ep, id, body));
  }

  @Override
  public Future<LiteLLMModel> updateParams(LiteLLMEndpoint ep, String id, JsonObject litellmParams) {
    return call(ep, "model_update_params", c -> c.updateModelParams(ep, id, litellmParams));
  }

  @Override
  public Future<Void> delete(LiteLLMEndpoint ep, String id) {
    return call(ep, "model_delete", c -> c.deleteModel(ep, id))
        .recover(err -> LiteLLMException.isNotFound(err) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<LiteLLMModel>> get(LiteLLMEndpoint ep, String id) {
    return call(ep, "model_info", c -> c.getModel(ep, id));
  }

  @Override
  public Future<List<LiteLLMModel>> list(LiteLLMEndpoint ep) {
    return call(ep, "model_list", c -> c.listModels(ep));
  }

  @Override
  public Future<Void> createCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info) {
    return call(ep, "credential_new", c -> c.createCredential(ep, name, values, info));
  }

  @Override
  public Future<Void> updateCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info) {
    return call(ep, "credential_update", c -> c.updateCredential(ep, name, values, info));
  }

  /** A name LiteLLM does not have is deleted already (a retry after a lost answer, or someone else deleted it). */
  @Override
  public Future<Void> deleteCredential(LiteLLMEndpoint ep, String name) {
    return call(ep, "credential_delete", c -> c.deleteCredential(ep, name))
        .recover(err -> LiteLLMException.isNotFound(err) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<LiteLLMCredential>> getCredential(LiteLLMEndpoint ep, String name) {
    return call(ep, "credential_get", c -> c.getCredential(ep, name));
  }

  private <T> Future<T> call(LiteLLMEndpoint ep, String endpoint, Function<LiteLLMClient, Future<T>> op) {
    if (timeLeftNanos() <= 0) {
      return Future.failedFuture(fenced(endpoint, false)); // not even queued for a slot
    }
    return limiters.forDownstream(DownstreamLimiters.liteLLM(ep.baseUrl())).call(() -> {
      long left = timeLeftNanos();
      if (left <= 0) {
        return Future.failedFuture(fenced(endpoint, false));
      }
      long start = System.nanoTime();
      return op.apply(client.within(Duration.ofNanos(left)))
          .andThen(ar -> metrics.record(endpoint, ar.succeeded() ? 200 : statusOf(ar.cause()),
              System.nanoTime() - start))
          .recover(err -> timedOut(err) && atFence()
              ? Future.failedFuture(fenced(endpoint, true)) : Future.failedFuture(err));
    }, wait);
  }

  /** Time a call may still take before the fence, margin included; Long.MAX_VALUE without a fence. */
  private long timeLeftNanos() {
    long remaining = fence.remainingNanos();
    return remaining == Long.MAX_VALUE ? remaining : remaining - FENCE_MARGIN.toNanos();
  }

  /**
   * Whether the fence is (about) now: a call whose timeout was the time left then timed out with about the margin left,
   * while a renewal since would have moved the fence by seconds. A timeout otherwise is the proxy's.
   */
  private boolean atFence() {
    return fence.remainingNanos() <= 2 * FENCE_MARGIN.toNanos();
  }

  private static ModelProblem fenced(String endpoint, boolean cutShort) {
    return ModelProblem.transientProblem(FENCED, "this operator replica may no longer reconcile this namespace (its "
        + "Lease was not renewed in time, or it is stopping): LiteLLM " + endpoint + (cutShort
            ? " was cut short at the fence" : " was not called") + "; the replica that holds the namespace now "
        + "reconciles the resource");
  }

  private static boolean timedOut(Throwable t) {
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static int statusOf(Throwable t) {
    return t instanceof LiteLLMException e ? e.status() : 0;
  }
}
