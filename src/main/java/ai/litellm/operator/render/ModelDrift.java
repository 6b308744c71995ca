package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a model read back from LiteLLM (one {@code data[]} entry of GET /model/info: params decrypted,
 * credentials popped, model_info enriched from the cost map, defaulted booleans added) still matches the desired body.
 *
 * <p>Rules, chosen so that a model that was applied unchanged never reports drift:
 * <ul>
 *   <li>model_name must be equal;</li>
 *   <li>only keys we send AND the read returns are compared (the read adds many keys and may omit some);</li>
 *   <li>credentials ({@link LiteLLMKeys#STRIPPED_ON_READ}) are never compared: rotation is detected by payload hash;</li>
 *   <li>a sent {@code os.environ/...} value is not compared: the router may hold the resolved value;</li>
 *   <li>model_info.db_model is not compared: LiteLLM forces it to true on load;</li>
 *   <li>numbers compare by value (1e-06 vs 0.000001), nested objects and lists structurally.</li>
 * </ul>
 */
public final class ModelDrift {
  private ModelDrift() {}

  /**
   * @return the differing paths (e.g. {@code litellm_params.rpm}); names only, never values, so it is safe to log.
   *     Empty when the observed model matches.
   */
  public static List<String> differences(JsonObject desired, JsonObject observed) {
    List<String> diffs = new ArrayList<>();
    if (!JsonValues.equivalent(desired.getValue("model_name"), observed.getValue("model_name"))) {
      diffs.add("model_name");
    }
    compareSent("litellm_params", object(desired, "litellm_params"), object(observed, "litellm_params"), diffs);
    compareSent("model_info", object(desired, "model_info"), object(observed, "model_info"), diffs);
    return diffs;
  }

  public static boolean matches(JsonObject desired, JsonObject observed) {
    return differences(desired, observed).isEmpty();
  }

  private static void compareSent(String section, JsonObject sent, JsonObject read, List<String> diffs) {
    if (read == null) {
      if (sent != null && !sent.isEmpty()) {
        diffs.add(section);
      }
      return;
    }
    if (sent == null) {
      return;
    }
    for (Map.Entry<String, Object> e : sent) {
      String key = e.getKey();
      if (!comparable(section, key, e.getValue()) || !read.containsKey(key) || read.getValue(key) == null) {
        continue;
      }
      if (!JsonValues.equivalent(e.getValue(), read.getValue(key))) {
        diffs.add(section + "." + key);
      }
    }
  }

  static boolean comparable(String section, String key, Object sentValue) {
    if (section.equals("litellm_params")) {
      if (LiteLLMKeys.STRIPPED_ON_READ.contains(key)) {
        return false;
      }
      return !(sentValue instanceof String s && s.startsWith(LiteLLMKeys.ENV_REFERENCE_PREFIX));
    }
    return !key.equals(LiteLLMKeys.MODEL_INFO_DB_MODEL);
  }

  static JsonObject object(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    if (v instanceof JsonObject o) {
      return o;
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      return new JsonObject(typed);
    }
    return null;
  }
}
