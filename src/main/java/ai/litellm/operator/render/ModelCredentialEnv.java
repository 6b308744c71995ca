package ai.litellm.operator.render;

import java.util.Locale;

/**
 * Env var names for init-model credentials: {@code LITELLM_MODEL_<IDENTIFIER>_<PARAM>}, e.g. identifier
 * {@code gpt-3.5} and api_key → {@code LITELLM_MODEL_GPT_3_5_API_KEY}. Always a valid C identifier (the prefix keeps
 * it from starting with a digit); two identifiers that map to the same token are rejected by the validator.
 */
public final class ModelCredentialEnv {
  private ModelCredentialEnv() {}

  public static String token(String identifier) {
    StringBuilder out = new StringBuilder(identifier.length());
    for (char c : identifier.toUpperCase(Locale.ROOT).toCharArray()) {
      out.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return out.toString();
  }

  public static String name(String identifier, String param) {
    return "LITELLM_MODEL_" + token(identifier) + "_" + token(param);
  }
}
