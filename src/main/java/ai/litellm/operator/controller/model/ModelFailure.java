package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.render.InvalidSpecException;
import ai.litellm.operator.render.RenderException;
import java.time.Duration;

/**
 * What a failed Model reconcile tells the user and the scheduler: the condition reason and message, whether the key
 * parks (only a spec that cannot work; everything else retries with backoff), the downstream's Retry-After if any,
 * and whether it deserves an Event (a 429 or a Kubernetes hiccup does not).
 */
record ModelFailure(String reason, String message, boolean permanent, Duration retryAfter, boolean eventWorthy) {

  /** Classifies by what the error means: LiteLLM's errors by their kind (contract §1.2), not by status code alone. */
  static ModelFailure of(Throwable err) {
    return of(err, "model");
  }

  /** @param what what LiteLLM was sent ("model", "credential"), for the message of a refusal */
  static ModelFailure of(Throwable err, String what) {
    if (err instanceof RenderException r) {
      boolean permanent = r instanceof InvalidSpecException;
      return new ModelFailure(r.reason(), r.getMessage(), permanent, null, true);
    }
    if (err instanceof NotServing n) {
      // e.g. a deletion that waits for a new instance's master key: not the Model's fault, no Event of its own
      return new ModelFailure(n.reason(), n.getMessage(), false, null, false);
    }
    if (err instanceof ModelProblem p) {
      return new ModelFailure(p.reason(), p.getMessage(), p.isPermanent(), null, true);
    }
    if (err instanceof LiteLLMException e) {
      return switch (e.kind()) {
        case UNAUTHORIZED -> new ModelFailure("Unauthorized", "LiteLLM rejected the master key: " + e.getMessage(),
            false, null, true);
        case RATE_LIMITED -> new ModelFailure("RateLimited", "LiteLLM is rate limiting: " + e.getMessage(), false,
            e.retryAfter().orElse(null), false);
        case UNAVAILABLE -> new ModelFailure("LiteLLMUnavailable", "LiteLLM is unreachable: " + e.getMessage(), false,
            e.retryAfter().orElse(null), true);
        case BAD_REQUEST -> new ModelFailure("LiteLLMRejected", "LiteLLM rejected the " + what + ": " + e.getMessage(), true,
            null, true);
        // LiteLLM's answer to an exception it did not expect (a DB timeout as much as a bug): a retry may pass
        case UNEXPECTED -> new ModelFailure("LiteLLMError", "LiteLLM failed: " + e.getMessage(), false, null, true);
        default -> new ModelFailure("LiteLLMError", "LiteLLM failed: " + e.getMessage(), false, null, true);
      };
    }
    if (err instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
      return new ModelFailure("KubernetesError", "Kubernetes API: " + k.getCode() + " " + k.getStatus(), false, null,
          false);
    }
    return new ModelFailure("InternalError", String.valueOf(err), false, null, false);
  }
}
