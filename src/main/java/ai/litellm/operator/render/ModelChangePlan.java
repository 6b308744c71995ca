package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How to move LiteLLM from its current state of a model to the desired one.
 *
 * @param kind what to do
 * @param reasons changed paths and why (names only, safe to log)
 * @param patchBody for {@link Kind#PATCH}: the body of {@code PATCH /model/{id}/update}; for {@link Kind#UPDATE_PARAMS}:
 *     the {@code litellm_params} to overlay. Carries credentials: never log it. Null otherwise
 */
public record ModelChangePlan(Kind kind, List<String> reasons, JsonObject patchBody) {
  public enum Kind {
    /** Current state is the desired state. */
    NONE,
    /**
     * Visible litellm_params keys were added or changed: PATCH overlays them and reloads the answering worker's router
     * at once (every model of the proxy: its cost grows with the proxy's models).
     */
    PATCH,
    /**
     * Nothing a read shows differs, but the payload does (a rotated credential, an {@code os.environ/} reference):
     * POST /model/update overlays litellm_params in the database without a router reload, and every worker takes the
     * values at its next poll. A rotation of a key N Models share is then N row updates for the proxy, not N reloads
     * of all its models (issue #14.3).
     */
    UPDATE_PARAMS,
    /**
     * A litellm_params key was removed (LiteLLM cannot delete keys), or model_name / model_info / the id changed
     * (LiteLLM replicas never pick those up by PATCH): delete the current id, then create the desired body.
     */
    RECREATE
  }

  public ModelChangePlan {
    reasons = List.copyOf(reasons);
  }

  @Override
  public String toString() {
    return "ModelChangePlan[kind=" + kind + ", reasons=" + reasons + "]";
  }
}
