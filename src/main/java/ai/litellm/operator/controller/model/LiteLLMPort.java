package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.ReconcileRequest;
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
 * was sent), or a transient {@link ModelProblem} {@code Fenced} when the reconcile's fence left no time for the call
 * (nothing was sent) or cut it short.
 */
public interface LiteLLMPort {
  /**
   * The same calls for one reconcile: a wait for the proxy's in-flight limit gives the reconcile's permit back
   * meanwhile ({@link ReconcileRequest#downstreamWait()}), and every call ends by the reconcile's fence
   * ({@link ReconcileRequest#fence()}); a call the fence leaves no time for is not made. This port itself waits holding
   * whatever its caller holds and knows no fence.
   */
  default LiteLLMPort during(ReconcileRequest<?> req) {
    return this;
  }

  Future<LiteLLMModel> create(LiteLLMEndpoint ep, JsonObject body);

  Future<LiteLLMModel> patch(LiteLLMEndpoint ep, String id, JsonObject body);

  /**
   * Overlays {@code litellm_params} on the stored row (POST /model/update) without reloading the proxy's router: for
   * values a read cannot show, which is all a key rotation changes.
   */
  Future<LiteLLMModel> updateParams(LiteLLMEndpoint ep, String id, JsonObject litellmParams);

  /** Deletes; "not found" counts as deleted. */
  Future<Void> delete(LiteLLMEndpoint ep, String id);

  /** Empty when the answering replica does not know the id. */
  Future<Optional<LiteLLMModel>> get(LiteLLMEndpoint ep, String id);

  Future<List<LiteLLMModel>> list(LiteLLMEndpoint ep);
}
