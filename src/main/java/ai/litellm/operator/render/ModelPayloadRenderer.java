package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.api.ModelSpec;
import ai.litellm.operator.api.SharingSerialization;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Model CR + the data of its modelSecretRef Secret → the LiteLLM {@code /model/new} body, its hash and the
 * secret-free status copy. Pure and deterministic: no I/O, no clock, no randomness.
 *
 * <p>Id rule: spec.modelInfo.id when set; else {@code k8s-<uid>-<h>} where h = first 8 hex of SHA-256 over the
 * canonical model_name + model_info. LiteLLM replicas only pick up a changed deployment when its litellm_params
 * change (reference §6.2), so a rename or model_info edit must be delete + create under a NEW id: putting those
 * fields into the id makes that automatic, while the id stays stable for anything else and is re-derivable from the
 * CR alone (no status needed to find the model again).
 */
public final class ModelPayloadRenderer {
  private ModelPayloadRenderer() {}

  /**
   * @param model the Model; metadata.name, namespace and uid are required
   * @param secretData the decoded data of spec.modelSecretRef (empty when none); only the keys in
   *     {@link ModelSecretKeys#TO_PARAM} are used, surrounding whitespace trimmed
   * @param connectionIdentity identifies the LiteLLM endpoint (e.g. its URL + a master key version), so re-pointing a
   *     Model at another proxy changes the hash and forces a create there
   * @param installId the operator install that writes the model (part of the ownership marker, not of the id)
   */
  public static ModelPayload render(Model model, Map<String, String> secretData, String connectionIdentity,
      String installId) {
    ObjectMeta meta = model.getMetadata();
    if (meta == null || LiteLLMParamsMapper.blank(meta.getName()) || LiteLLMParamsMapper.blank(meta.getNamespace())) {
      throw new InvalidSpecException("metadata.name and metadata.namespace are required");
    }
    if (LiteLLMParamsMapper.blank(meta.getUid())) {
      throw new InvalidSpecException("metadata.uid is required: the model id and ownership marker are derived from it");
    }
    ModelSpec spec = model.getSpec();
    if (spec == null || LiteLLMParamsMapper.blank(spec.modelName)) {
      throw new InvalidSpecException("spec.modelName is required (the public name clients call)");
    }
    JsonObject params = LiteLLMParamsMapper.toLiteLLM("spec.litellmParams", spec.litellmParams);
    Set<String> fromSecret = applySecret(params, secretData == null ? Map.of() : secretData);

    String owner = meta.getNamespace() + "/" + meta.getName();
    JsonObject info = modelInfo(spec.modelInfo, owner, meta.getUid());
    String id = spec.modelInfo != null && !LiteLLMParamsMapper.blank(spec.modelInfo.id)
        ? spec.modelInfo.id
        : derivedId(meta.getUid(), spec.modelName, info);
    if (id.startsWith(ModelOwnership.DERIVED_ID_PREFIX)
        && !id.startsWith(ModelOwnership.DERIVED_ID_PREFIX + meta.getUid() + "-")) {
      // Ids of this shape are each Model's own (derived from its uid); the operator writes to them without reading
      // first, so no Model may name another's.
      throw new InvalidSpecException("spec.modelInfo.id " + id + " has the form the operator derives for another "
          + "Model (" + ModelOwnership.DERIVED_ID_PREFIX + "<uid>-...); choose an id that does not start with "
          + ModelOwnership.DERIVED_ID_PREFIX);
    }
    info.put(ModelOwnership.INSTALL_KEY, installId); // after the id: an id never depends on which install writes it
    JsonObject infoWithId = new JsonObject().put(LiteLLMKeys.MODEL_INFO_ID, id);
    info.forEach(e -> infoWithId.put(e.getKey(), e.getValue()));

    JsonObject body = new JsonObject()
        .put("model_name", spec.modelName)
        .put("litellm_params", params)
        .put("model_info", infoWithId);
    String hash = payloadHash(body, connectionIdentity == null ? "" : connectionIdentity);
    return new ModelPayload(id, spec.modelName, body, hash, statusParams(spec.litellmParams, fromSecret));
  }

  /** SHA-256 hex over the canonical body and the connection identity. */
  public static String payloadHash(JsonObject body, String connectionIdentity) {
    var digest = Sha256.newDigest();
    Sha256.update(digest, CanonicalJson.encode(body));
    Sha256.update(digest, connectionIdentity);
    return Sha256.hex(digest);
  }

  private static Set<String> applySecret(JsonObject params, Map<String, String> secretData) {
    Set<String> fromSecret = new HashSet<>();
    for (Map.Entry<String, String> key : ModelSecretKeys.TO_PARAM.entrySet()) {
      String value = secretData.get(key.getKey());
      if (value != null && !value.isBlank()) {
        params.put(key.getValue(), value.strip());
        fromSecret.add(key.getValue());
      }
    }
    return fromSecret;
  }

  /** model_info without id: typed fields, additionalProp1, then the ownership marker. team_id only when set. */
  private static JsonObject modelInfo(ModelInfo spec, String owner, String uid) {
    JsonObject info = new JsonObject();
    if (spec != null) {
      if (spec.dbModel != null) {
        info.put(LiteLLMKeys.MODEL_INFO_DB_MODEL, spec.dbModel);
      }
      if (!LiteLLMParamsMapper.blank(spec.teamId)) {
        info.put(LiteLLMKeys.MODEL_INFO_TEAM_ID, spec.teamId);
      }
      if (!LiteLLMParamsMapper.blank(spec.teamPublicModelName)) {
        info.put(LiteLLMKeys.MODEL_INFO_TEAM_PUBLIC_MODEL_NAME, spec.teamPublicModelName);
      }
      JsonObject extra = RawValues.canonicalObject("spec.modelInfo.additionalProp1", spec.additionalProp1);
      if (extra != null) {
        for (Map.Entry<String, Object> e : extra) {
          String field = "spec.modelInfo.additionalProp1." + e.getKey();
          if (isReserved(e.getKey())) {
            throw new InvalidSpecException(field + " is reserved (set spec.modelInfo.id for the id; the ownership"
                + " marker is written by the operator)");
          }
          if (info.containsKey(e.getKey())) {
            throw new InvalidSpecException(field + " clashes with a typed spec.modelInfo field; set it in one place only");
          }
          if (e.getValue() != null) {
            info.put(e.getKey(), e.getValue());
          }
        }
      }
    }
    info.put(ModelOwnership.OWNER_KEY, owner);
    info.put(ModelOwnership.UID_KEY, uid);
    return info;
  }

  private static boolean isReserved(String key) {
    return key.equals(LiteLLMKeys.MODEL_INFO_ID) || key.equals(ModelOwnership.OWNER_KEY)
        || key.equals(ModelOwnership.UID_KEY) || key.equals(ModelOwnership.INSTALL_KEY);
  }

  private static String derivedId(String uid, String modelName, JsonObject infoWithoutId) {
    var digest = Sha256.newDigest();
    Sha256.update(digest, modelName);
    Sha256.update(digest, CanonicalJson.encode(infoWithoutId));
    return ModelOwnership.DERIVED_ID_PREFIX + uid + "-" + Sha256.hex(digest).substring(0, 8);
  }

  /** A deep copy of the spec params without credentials and without anything the Secret supplied. */
  private static LiteLLMParams statusParams(LiteLLMParams spec, Set<String> fromSecret) {
    LiteLLMParams copy = SharingSerialization.copy(spec);
    copy.dropUnknownFields(); // a newer CRD's field may hold a credential: status shows only what is understood
    copy.apiKey = null;
    copy.awsAccessKeyId = null;
    copy.awsSecretAccessKey = null;
    copy.vertexCredentials = null;
    if (fromSecret.contains(LiteLLMKeys.API_BASE)) {
      copy.apiBase = null;
    }
    if (fromSecret.contains(LiteLLMKeys.VERTEX_PROJECT)) {
      copy.vertexProject = null;
    }
    if (copy.additionalProp1 instanceof Map<?, ?> extra) {
      Map<Object, Object> cleaned = new LinkedHashMap<>(extra);
      cleaned.keySet().removeIf(k -> CredentialKeys.isCredential(String.valueOf(k)));
      copy.additionalProp1 = cleaned.isEmpty() ? null : cleaned;
    }
    return copy;
  }
}
