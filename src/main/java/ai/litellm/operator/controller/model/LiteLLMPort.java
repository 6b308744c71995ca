package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the Model controller asks of a LiteLLM proxy. The real implementation ({@link LiteLLMCalls}) adds the
 * per-proxy limits and metrics; reconciler decisions are unit-tested against a mock. Failures are
 * {@link ai.litellm.operator.litellm.LiteLLMException}s, or a
 * {@link ai.litellm.operator.eventlog.ratelimit.DownstreamDeferral} when the proxy could not take the call (nothing
 * was sent).
 */
public interface LiteLLMPort {
  /**
   * The same calls for one reconcile: a wait for the proxy's in-flight limit gives the reconcile's permit back
   * meanwhile ({@link DownstreamWait}). This port itself waits holding whatever its caller holds.
   */
  default LiteLLMPort during(DownstreamWait wait) {
    return this;
  }

  Future<LiteLLMModel> create(LiteLLMEndpoint ep, JsonObject body);

  Future<LiteLLMModel> patch(LiteLLMEndpoint ep, String id, JsonObject body);

  /** Deletes; "not found" counts as deleted. */
  Future<Void> delete(LiteLLMEndpoint ep, String id);

  /** Empty when the answering replica does not know the id. */
  Future<Optional<LiteLLMModel>> get(LiteLLMEndpoint ep, String id);

  Future<List<LiteLLMModel>> list(LiteLLMEndpoint ep);
}
