package ai.litellm.operator.controller.model;

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
 * Every LiteLLM call of the Model controller: it waits for the endpoint's token bucket and in-flight cap, feeds 429/503
 * back into the endpoint's adaptive rate, and is counted by endpoint kind and status class. Calls are async: a proxy
 * answering in 1 s holds a permit, not a thread.
 */
public final class LiteLLMCalls implements LiteLLMPort {
  private final LiteLLMClient client;
  private final DownstreamLimiters limiters;
  private final LiteLLMMetrics metrics;

  public LiteLLMCalls(LiteLLMClient client, DownstreamLimiters limiters, LiteLLMMetrics metrics) {
    this.client = client;
    this.limiters = limiters;
    this.metrics = metrics;
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
    });
  }

  private static int statusOf(Throwable t) {
    return t instanceof LiteLLMException e ? e.status() : 0;
  }
}
