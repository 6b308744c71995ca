package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.litellm.LiteLLMCredential;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What the Credential reconciler asks of a LiteLLM proxy's {@code /credentials} endpoints. Same contract as
 * {@link LiteLLMPort} (per-proxy limit, fence, metrics in {@link LiteLLMCalls}; mocked in unit tests). Failures are
 * {@link ai.litellm.operator.litellm.LiteLLMException}s: an error LiteLLM answers with HTTP 200 and
 * {@code success != true} fails like its non-200 form. As for models, a proxy that cannot take the call fails it
 * with a {@link ai.litellm.operator.eventlog.ratelimit.DownstreamDeferral}, and a call the reconcile's fence leaves no
 * time for (or cuts short) with the transient {@link ModelProblem} {@code Fenced}. No message carries a credential
 * value.
 */
public interface CredentialPort {
  /** The same calls for one reconcile, as {@link LiteLLMPort#during}. */
  default CredentialPort during(ReconcileRequest<?> req) {
    return this;
  }

  /** POST /credentials. A name that exists fails with {@code DUPLICATE_ID}. */
  Future<Void> createCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info);

  /**
   * PATCH /credentials/{name} with the same name in the body (never a rename), the values and the whole info. A name
   * absent from the proxy's database fails with {@code NOT_FOUND}. Values overlay: a key cannot be removed this way.
   */
  Future<Void> updateCredential(LiteLLMEndpoint ep, String name, JsonObject values, JsonObject info);

  /** DELETE /credentials/{name}; "not found" counts as deleted. */
  Future<Void> deleteCredential(LiteLLMEndpoint ep, String name);

  /** GET /credentials/by_name/{name} from the answering worker's memory: empty when that worker does not know it. */
  Future<Optional<LiteLLMCredential>> getCredential(LiteLLMEndpoint ep, String name);
}
