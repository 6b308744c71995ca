package ai.litellm.operator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.SortedMap;

/**
 * The rendered proxy config and what it needs from the pod environment.
 *
 * @param yaml the config.yaml text; contains no secret value, only {@code os.environ/...} references
 * @param credentialEnv env vars the config references for init-model credentials, in spec order
 * @param inlineCredentials credentials written in clear in the spec (liteLLMParams.apiKey & co.), keyed by env name;
 *     they go into {@code <n>-secrets}, never into the ConfigMap
 */
public record ProxyConfig(String yaml, List<EnvVar> credentialEnv, SortedMap<String, String> inlineCredentials) {
  public ProxyConfig {
    credentialEnv = List.copyOf(credentialEnv);
    inlineCredentials = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(inlineCredentials));
  }

  @Override
  public String toString() {
    return "ProxyConfig[credentialEnv=" + credentialEnv.size() + ", inlineCredentials=" + inlineCredentials.keySet() + "]";
  }
}
