package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMParams;
import io.vertx.core.json.JsonObject;

/**
 * What the operator sends to LiteLLM for one Model.
 *
 * @param modelId the model_info.id: spec.modelInfo.id or the derived {@code k8s-<uid>-<8 hex>} id
 * @param modelName the public model_name, exactly spec.modelName
 * @param body the {@code /model/new} body ({@code model_name}, {@code litellm_params}, {@code model_info}); it holds
 *     credentials: never log it. Accessor returns a copy so a caller cannot corrupt a cached payload.
 * @param payloadHash SHA-256 hex over the canonical body plus the connection identity; store it to know whether the
 *     last applied payload is still current (the only way to notice credential rotation, reads strip credentials)
 * @param statusParams spec.litellmParams with every credential and every Secret-sourced field removed, for
 *     Model.status.litellmParams
 */
public record ModelPayload(String modelId, String modelName, JsonObject body, String payloadHash,
    LiteLLMParams statusParams) {

  @Override
  public JsonObject body() {
    return body.copy();
  }

  /** The litellm_params of the body (copy). */
  public JsonObject litellmParams() {
    return body.getJsonObject("litellm_params").copy();
  }

  /** The model_info of the body (copy). */
  public JsonObject modelInfo() {
    return body.getJsonObject("model_info").copy();
  }

  @Override
  public String toString() {
    // Never print the body: it carries credentials.
    return "ModelPayload[modelId=" + modelId + ", modelName=" + modelName + ", payloadHash=" + payloadHash + "]";
  }
}
