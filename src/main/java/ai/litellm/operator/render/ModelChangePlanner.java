package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses between nothing, a params overlay, PATCH and delete + recreate for a model (reference §2.3, §2.4, §6.2,
 * §6.3).
 *
 * <p>{@code current} is either the body the operator last applied (best: it shows removed credentials too) or a
 * model read from GET /model/info (then credentials and model_info removals are invisible; the payload hash covers
 * credentials, and model_info edits change the derived id anyway).
 */
public final class ModelChangePlanner {
  private ModelChangePlanner() {}

  /**
   * @param desired the {@link ModelPayload#body()} to reach
   * @param current the last applied body or the observed model
   * @param appliedHashCurrent whether the hash of the last applied payload equals the desired payload hash; when it
   *     does not but nothing visible differs (credential rotation, new connection), the result is
   *     {@link ModelChangePlan.Kind#UPDATE_PARAMS}
   */
  public static ModelChangePlan plan(JsonObject desired, JsonObject current, boolean appliedHashCurrent) {
    List<String> recreate = new ArrayList<>();
    JsonObject desiredInfo = ModelDrift.object(desired, "model_info");
    JsonObject currentInfo = ModelDrift.object(current, "model_info");
    Object desiredId = desiredInfo == null ? null : desiredInfo.getValue(LiteLLMKeys.MODEL_INFO_ID);
    Object currentId = currentInfo == null ? null : currentInfo.getValue(LiteLLMKeys.MODEL_INFO_ID);
    if (!JsonValues.equivalent(desiredId, currentId)) {
      recreate.add("model_info.id changed");
    }
    if (!JsonValues.equivalent(desired.getValue("model_name"), current.getValue("model_name"))) {
      recreate.add("model_name changed");
    }
    if (desiredInfo != null && currentInfo != null) {
      for (Map.Entry<String, Object> e : desiredInfo) {
        String key = e.getKey();
        if (ModelDrift.comparable("model_info", key, e.getValue())
            && !JsonValues.equivalent(e.getValue(), currentInfo.getValue(key))) {
          recreate.add("model_info." + key + " changed");
        }
      }
    }
    JsonObject desiredParams = orEmpty(ModelDrift.object(desired, "litellm_params"));
    JsonObject currentParams = orEmpty(ModelDrift.object(current, "litellm_params"));
    for (Map.Entry<String, Object> e : currentParams) {
      String key = e.getKey();
      if (e.getValue() == null || desiredParams.getValue(key) != null) {
        continue;
      }
      Object litellmDefault = LiteLLMKeys.DEFAULTED_PARAMS.get(key);
      if (litellmDefault == null || !JsonValues.equivalent(litellmDefault, e.getValue())) {
        recreate.add("litellm_params." + key + " removed");
      }
    }
    if (!recreate.isEmpty()) {
      return new ModelChangePlan(ModelChangePlan.Kind.RECREATE, recreate, null);
    }

    List<String> patch = new ArrayList<>();
    for (Map.Entry<String, Object> e : desiredParams) {
      String key = e.getKey();
      Object now = currentParams.getValue(key);
      if (now == null) {
        // Absent in a read is invisible for stripped credentials; for everything else it is an addition.
        if (!LiteLLMKeys.STRIPPED_ON_READ.contains(key)) {
          patch.add("litellm_params." + key + " added");
        }
      } else if (ModelDrift.comparable("litellm_params", key, e.getValue())
          && !JsonValues.equivalent(e.getValue(), now)) {
        patch.add("litellm_params." + key + " changed");
      }
    }
    if (patch.isEmpty() && !appliedHashCurrent) {
      // Everything a read shows is as desired; what differs is a value reads strip (a rotated key). Rewrite the
      // params alone: a PATCH would also reload every model of the proxy, once per Model of the rotation.
      return new ModelChangePlan(ModelChangePlan.Kind.UPDATE_PARAMS,
          List.of("payload hash changed (credential rotation or new connection)"), desiredParams.copy());
    }
    if (patch.isEmpty()) {
      return new ModelChangePlan(ModelChangePlan.Kind.NONE, List.of(), null);
    }
    return new ModelChangePlan(ModelChangePlan.Kind.PATCH, patch, patchBody(desired));
  }

  /**
   * A digest of what a read of the model can show, with the proxy it is on: the body with every value reads strip (a
   * credential, an {@code os.environ/} reference) replaced by a marker, so their names count and their values do not.
   * Two payloads with the same shape differ at most in such values, which {@link ModelChangePlan.Kind#UPDATE_PARAMS}
   * rewrites. The first 8 bytes of a SHA-256: kept per Model in memory, where a collision (2^-64) would cost one
   * skipped read.
   */
  public static long visibleShape(JsonObject body, String proxyBaseUrl) {
    JsonObject masked = body.copy();
    JsonObject params = ModelDrift.object(masked, "litellm_params");
    if (params != null) {
      JsonObject maskedParams = new JsonObject();
      for (Map.Entry<String, Object> e : params) {
        boolean hidden = !ModelDrift.comparable("litellm_params", e.getKey(), e.getValue());
        maskedParams.put(e.getKey(), hidden && e.getValue() != null ? HIDDEN_VALUE : e.getValue());
      }
      masked.put("litellm_params", maskedParams);
    }
    java.security.MessageDigest digest = Sha256.newDigest();
    Sha256.update(digest, proxyBaseUrl);
    Sha256.update(digest, CanonicalJson.encode(masked));
    return java.nio.ByteBuffer.wrap(digest.digest()).getLong();
  }

  /** The credential params of a body (reads never show them), sorted: what status records as applied. */
  public static List<String> credentialParamNames(JsonObject body) {
    JsonObject params = ModelDrift.object(body, "litellm_params");
    if (params == null) {
      return List.of();
    }
    return params.fieldNames().stream()
        .filter(k -> LiteLLMKeys.STRIPPED_ON_READ.contains(k) && params.getValue(k) != null).sorted().toList();
  }

  /**
   * {@code observed} (a read) with the credential params status says were applied put back as placeholders: a read
   * never shows them, and without them a credential that left the payload would look like nothing to remove.
   */
  public static JsonObject withAppliedCredentials(JsonObject observed, java.util.Collection<String> applied) {
    if (applied.isEmpty()) {
      return observed;
    }
    JsonObject params = ModelDrift.object(observed, "litellm_params");
    JsonObject withHidden = params == null ? new JsonObject() : params.copy();
    applied.forEach(name -> {
      if (LiteLLMKeys.STRIPPED_ON_READ.contains(name) && withHidden.getValue(name) == null) {
        withHidden.put(name, HIDDEN_VALUE);
      }
    });
    return observed.copy().put("litellm_params", withHidden);
  }

  /** Stands for a value reads strip in {@link #visibleShape}; not a value anyone sends. */
  private static final String HIDDEN_VALUE = "<hidden by reads>";

  /**
   * The PATCH body: the full desired litellm_params (an overlay, so unchanged keys are no-ops and credentials are
   * re-sent) and model_info with its id (a model_info without id would get a random uuid server-side, §2.1).
   */
  public static JsonObject patchBody(JsonObject desired) {
    return new JsonObject()
        .put("model_name", desired.getValue("model_name"))
        .put("litellm_params", orEmpty(ModelDrift.object(desired, "litellm_params")).copy())
        .put("model_info", orEmpty(ModelDrift.object(desired, "model_info")).copy());
  }

  private static JsonObject orEmpty(JsonObject o) {
    return o == null ? new JsonObject() : o;
  }
}
