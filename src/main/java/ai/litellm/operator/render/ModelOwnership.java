package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;

/**
 * The marker the operator writes into every model_info it sends, so a model read back from LiteLLM can be traced to
 * its Model CR (adoption after lost status, garbage collection of orphans) and models created by hand, by other tools
 * or by another install of this operator are never touched. LiteLLM keeps unknown model_info keys (ModelInfo is
 * extra=allow) and returns them on reads.
 *
 * <p>The marker names the install: two operators (two clusters, or two installs watching different namespaces) may
 * manage Models on one proxy, and each must only ever write or delete its own rows. A row whose marker has no install
 * (written before the install was part of it) is this install's only if its uid is the Model's own: uids are unique,
 * so no other Model can claim it; such a row is never swept as an orphan.
 */
public final class ModelOwnership {
  private ModelOwnership() {}

  /** {@code "<namespace>/<name>"} of the owning Model. */
  public static final String OWNER_KEY = "litellm_operator_owner";
  /** metadata.uid of the owning Model: distinguishes a re-created CR with the same name. */
  public static final String UID_KEY = "litellm_operator_uid";
  /** The install of the operator that wrote the row (see {@code --install-id}). */
  public static final String INSTALL_KEY = "litellm_operator_install";
  /** Prefix of ids the operator derives when spec.modelInfo.id is not set. */
  public static final String DERIVED_ID_PREFIX = "k8s-";
  /**
   * Opt-in on a Model ({@code "true"}): a LiteLLM row without any marker whose id and public name match the Model is
   * adopted (marked as this Model's) instead of refused, e.g. a row the Go operator created (docs/operations.md).
   */
  public static final String ADOPT_ANNOTATION = "litellm.litellm.ai/adopt";
  /** The suffix the Go operator appended to every Model's public name ({@code <modelName>-[crd]}). */
  public static final String GO_OPERATOR_NAME_SUFFIX = "-[crd]";

  /**
   * A marker read back from a model_info.
   *
   * @param install the install id; null for a marker written before installs were recorded
   * @param owner {@code namespace/name} of the Model
   */
  public record Marker(String install, String owner, String uid) {
    /** The owning Model's namespace. */
    public String namespace() {
      return owner.substring(0, owner.indexOf('/'));
    }

    /** Whether this install wrote it for the Model with this uid. */
    public boolean ownedBy(String installId, String modelUid) {
      return uid.equals(modelUid) && (install == null || install.equals(installId));
    }

    /** Whether this install wrote it (whatever Model); a marker without an install is nobody's for sure. */
    public boolean writtenBy(String installId) {
      return installId.equals(install);
    }
  }

  /** The marker of a model_info, or null when it carries none (not operator-owned, or malformed). */
  public static Marker markerOf(JsonObject modelInfo) {
    if (modelInfo == null || !(modelInfo.getValue(OWNER_KEY) instanceof String owner)
        || !(modelInfo.getValue(UID_KEY) instanceof String uid) || owner.indexOf('/') <= 0) {
      return null;
    }
    Object install = modelInfo.getValue(INSTALL_KEY);
    return new Marker(install instanceof String s ? s : null, owner, uid);
  }

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
