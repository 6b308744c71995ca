package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.litellm.LiteLLMClient;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.metrics.LiteLLMMetrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every LiteLLM call of the Model controller: it waits for the endpoint's adaptive in-flight limit (and its rate
 * ceiling, if one is set), feeds latency, 429/503 and timeouts back into that limit, and is counted by endpoint kind
 * and status class. Calls are async: a proxy answering in 1 s holds a slot, not a thread; a reconcile that waits for a
 * slot holds no permit either ({@link #during}). A proxy that cannot take the call (paused by its Retry-After, or its
 * wait queue full) fails it at once with a {@code DownstreamDeferral}.
 */
public final class LiteLLMCalls implements LiteLLMPort {
  private final LiteLLMClient client;
  private final DownstreamLimiters limiters;
  private final LiteLLMMetrics metrics;
  private final DownstreamWait wait;

  public LiteLLMCalls(LiteLLMClient client, DownstreamLimiters limiters, LiteLLMMetrics metrics) {
    this(client, limiters, metrics, DownstreamWait.HOLDING);
  }

  private LiteLLMCalls(LiteLLMClient client, DownstreamLimiters limiters, LiteLLMMetrics metrics,
      DownstreamWait wait) {
    this.client = client;
    this.limiters = limiters;
    this.metrics = metrics;
    this.wait = wait;
  }

  @Override
  public LiteLLMPort during(DownstreamWait reconcileWait) {
    return new LiteLLMCalls(client, limiters, metrics, reconcileWait);
  }

  @Override
  public Future<LiteLLMModel> create(LiteLLMEndpoint ep, JsonObject body) {
    return call(ep, "model_new", () -> client.createModel(ep, body));
  }

  @Override
  public Future<LiteLLMModel> patch(LiteLLMEndpoint ep, String id, JsonObject body) {
    return call(ep, "model_update", () -> client.patchModel(ep, id, body));
  }

  @Override
  public Future<Void> delete(LiteLLMEndpoint ep, String id) {
    return call(ep, "model_delete", () -> client.deleteModel(ep, id))
        .recover(err -> LiteLLMException.isNotFound(err) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<LiteLLMModel>> get(LiteLLMEndpoint ep, String id) {
    return call(ep, "model_info", () -> client.getModel(ep, id));
  }

  @Override
  public Future<List<LiteLLMModel>> list(LiteLLMEndpoint ep) {
    return call(ep, "model_list", () -> client.listModels(ep));
  }

  private <T> Future<T> call(LiteLLMEndpoint ep, String endpoint, Supplier<Future<T>> op) {
    return limiters.forDownstream(DownstreamLimiters.liteLLM(ep.baseUrl())).call(() -> {
      long start = System.nanoTime();
      return op.get().andThen(ar -> metrics.record(endpoint, ar.succeeded() ? 200 : statusOf(ar.cause()),
          System.nanoTime() - start));
    }, wait);
  }

  private static int statusOf(Throwable t) {
    return t instanceof LiteLLMException e ? e.status() : 0;
  }
}
