package ai.litellm.operator.render;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the instance renderer needs that is looked up at runtime. The renderer itself does no I/O and no
 * randomness: the caller picks the master key (existing Secret value, else spec.masterKey, else a fresh
 * {@code sk-...}) and the salt key (existing value, else freshly generated; it must never change once set).
 *
 * @param masterKey the LiteLLM master key to store in {@code <n>-secrets}
 * @param saltKey the LiteLLM salt key to store in {@code <n>-secrets}
 * @param secrets the referenced Secrets that exist, by name (same namespace as the instance)
 * @param settings operator settings (gateway parent, ingress class)
 */
public record ResolvedInstanceInputs(String masterKey, String saltKey, Map<String, SecretSnapshot> secrets,
    OperatorSettings settings) {
  public ResolvedInstanceInputs {
    if (masterKey == null || masterKey.isBlank()) {
      throw new IllegalArgumentException("masterKey is required");
    }
    if (saltKey == null || saltKey.isBlank()) {
      throw new IllegalArgumentException("saltKey is required");
    }
    secrets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(secrets == null ? Map.of() : secrets));
    settings = settings == null ? OperatorSettings.DEFAULTS : settings;
  }

  @Override
  public String toString() {
    // Keys are secrets: never print them.
    return "ResolvedInstanceInputs[secrets=" + secrets.keySet() + ", settings=" + settings + "]";
  }
}
