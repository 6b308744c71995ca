package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How to move LiteLLM from its current state of a model to the desired one.
 *
 * @param kind what to do
 * @param reasons changed paths and why (names only, safe to log)
 * @param patchBody for {@link Kind#PATCH}: the body of {@code PATCH /model/{id}/update} (carries credentials; never
 *     log it); null otherwise
 */
public record ModelChangePlan(Kind kind, List<String> reasons, JsonObject patchBody) {
  public enum Kind {
    /** Current state is the desired state. */
    NONE,
    /** Only litellm_params keys were added or changed: PATCH overlays them (and refreshes every replica's router). */
    PATCH,
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
