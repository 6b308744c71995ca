package ai.litellm.operator.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys of a Model's modelSecretRef Secret and the litellm_params they fill. A value from the Secret wins over the same
 * field in the spec. Other keys in the Secret are ignored, so one Secret can serve several purposes.
 */
public final class ModelSecretKeys {
  private ModelSecretKeys() {}

  /** Secret key → litellm_params key, in a fixed order. */
  public static final Map<String, String> TO_PARAM;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("apiKey", LiteLLMKeys.API_KEY);
    m.put("apiBase", LiteLLMKeys.API_BASE);
    m.put("awsAccessKeyId", LiteLLMKeys.AWS_ACCESS_KEY_ID);
    m.put("awsSecretAccessKey", LiteLLMKeys.AWS_SECRET_ACCESS_KEY);
    m.put("vertexCredentials", LiteLLMKeys.VERTEX_CREDENTIALS);
    m.put("vertexProject", LiteLLMKeys.VERTEX_PROJECT);
    TO_PARAM = Collections.unmodifiableMap(m);
  }
}
