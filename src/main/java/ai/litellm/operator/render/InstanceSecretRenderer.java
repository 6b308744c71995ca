package ai.litellm.operator.render;

import ai.litellm.operator.api.ApiGroup;
import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code <n>-secrets}: master key, salt key, and credentials the spec wrote in clear (never put in the ConfigMap). Kept
 * when the instance is deleted ({@link ObjectMetas#kept}): losing the salt key makes every credential LiteLLM stored
 * encrypted in its database unreadable. It carries the operator's finalizer while its instance exists: a namespace
 * deletion deletes it together with the instance and its Models, in no fixed order, and the Models still need its
 * master key to delete their LiteLLM models (issue #14.2); the instance's deletion releases it last.
 */
public final class InstanceSecretRenderer {
  private InstanceSecretRenderer() {}

  /** The plain (not base64) data, keys sorted. */
  public static SortedMap<String, String> data(ResolvedInstanceInputs inputs, ProxyConfig config) {
    SortedMap<String, String> data = new TreeMap<>(config.inlineCredentials());
    data.put(InstanceNames.MASTER_KEY, inputs.masterKey());
    data.put(InstanceNames.SALT_KEY, inputs.saltKey());
    return data;
  }

  public static Secret render(LiteLLMInstance instance, SortedMap<String, String> data) {
    Map<String, String> encoded = new TreeMap<>();
    Base64.Encoder base64 = Base64.getEncoder();
    data.forEach((k, v) -> encoded.put(k, base64.encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withMetadata(ObjectMetas.kept(instance, InstanceNames.secret(instance.getMetadata().getName())))
        .editMetadata().withFinalizers(ApiGroup.FINALIZER).endMetadata()
        .withType("Opaque")
        .withData(encoded)
        .build();
  }
}
