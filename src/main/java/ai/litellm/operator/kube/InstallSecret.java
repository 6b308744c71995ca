package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The install's own Secret in the operator's namespace, holding the key of its published hashes (render.KeyedHash).
 * Created on first start with a random key; every replica and every later start reads the same one. Only the operator
 * reads it (RBAC: get on this one name, create).
 */
public final class InstallSecret {
  public static final String HASH_KEY = "payloadHashKey";
  private static final int KEY_BYTES = 32;

  private InstallSecret() {}

  /** The Secret's name for an install whose Leases are named {@code leaseName}. */
  public static String name(String leaseName) {
    return leaseName + "-install";
  }

  /** Blocking (a GET, maybe a create): call through the bridge. */
  public static byte[] hashKey(KubernetesClient client, String namespace, String leaseName) {
    String name = name(leaseName);
    for (int attempt = 0; attempt < 3; attempt++) {
      Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
      if (existing != null) {
        String encoded = existing.getData() == null ? null : existing.getData().get(HASH_KEY);
        if (encoded == null || encoded.isBlank()) {
          throw new IllegalStateException("Secret " + namespace + "/" + name + " has no " + HASH_KEY
              + "; delete it to let the operator create a new one");
        }
        return Base64.getDecoder().decode(encoded);
      }
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      String value = Base64.getEncoder().encodeToString(key); // Secret data is base64 of the raw bytes
      try {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
            .withNamespace(namespace).withLabels(Map.of("app.kubernetes.io/managed-by", "litellm-operator"))
            .endMetadata().withType("Opaque").withData(Map.of(HASH_KEY, value)).build()).create();
        return key;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        // another replica created it first: read theirs
      }
    }
    throw new IllegalStateException("could not read or create Secret " + namespace + "/" + name);
  }
}
