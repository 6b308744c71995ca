package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the Model controller asks of a LiteLLM proxy. The real implementation ({@link LiteLLMCalls}) adds the
 * per-proxy limits and metrics; reconciler decisions are unit-tested against a mock. Failures are
 * {@link ai.litellm.operator.litellm.LiteLLMException}s.
 */
public interface LiteLLMPort {
  Future<LiteLLMModel> create(LiteLLMEndpoint ep, JsonObject body);

  Future<LiteLLMModel> patch(LiteLLMEndpoint ep, String id, JsonObject body);

  /** Deletes; "not found" counts as deleted. */
  Future<Void> delete(LiteLLMEndpoint ep, String id);

  /** Empty when the answering replica does not know the id. */
  Future<Optional<LiteLLMModel>> get(LiteLLMEndpoint ep, String id);

  Future<List<LiteLLMModel>> list(LiteLLMEndpoint ep);
}
