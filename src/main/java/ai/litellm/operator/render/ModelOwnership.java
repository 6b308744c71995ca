package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;

/**
 * The marker the operator writes into every model_info it sends, so a model read back from LiteLLM can be traced to
 * its Model CR (adoption after lost status, garbage collection of orphans) and models created by hand or by other
 * tools are never touched. LiteLLM keeps unknown model_info keys (ModelInfo is extra=allow) and returns them on reads.
 */
public final class ModelOwnership {
  private ModelOwnership() {}

  /** {@code "<namespace>/<name>"} of the owning Model. */
  public static final String OWNER_KEY = "litellm_operator_owner";
  /** metadata.uid of the owning Model: distinguishes a re-created CR with the same name. */
  public static final String UID_KEY = "litellm_operator_uid";
  /** Prefix of ids the operator derives when spec.modelInfo.id is not set. */
  public static final String DERIVED_ID_PREFIX = "k8s-";

  /** The owner key ({@code ns/name}) recorded in a model_info, or null when the model is not operator-owned. */
  public static String ownerOf(JsonObject modelInfo) {
    Object owner = modelInfo == null ? null : modelInfo.getValue(OWNER_KEY);
    return owner instanceof String s ? s : null;
  }

  /** The owner uid recorded in a model_info, or null. */
  public static String ownerUidOf(JsonObject modelInfo) {
    Object uid = modelInfo == null ? null : modelInfo.getValue(UID_KEY);
    return uid instanceof String s ? s : null;
  }
}
