package ai.litellm.operator.render;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pod-template annotation value that makes pods roll exactly when something they read at start changes: the
 * rendered config file, the operator's own Secret content (master key, salt key, inline credentials) and the
 * versions of every referenced user Secret. Nothing else goes in, so an annotation or label edit on the CR, or a
 * change to an unrelated Secret, never restarts the proxy. The value is a one-way digest: it reveals no key.
 */
public final class ConfigHash {
  private ConfigHash() {}

  /**
   * @param configYaml the rendered config.yaml
   * @param ownSecretData the data of {@code <n>-secrets}
   * @param referencedVersions Secret name → version, for exactly the Secrets the pod references
   */
  public static String compute(String configYaml, Map<String, String> ownSecretData,
      SortedMap<String, String> referencedVersions) {
    var digest = Sha256.newDigest();
    Sha256.update(digest, "config");
    Sha256.update(digest, configYaml);
    Sha256.update(digest, "own-secret");
    new TreeMap<>(ownSecretData).forEach((k, v) -> {
      Sha256.update(digest, k);
      Sha256.update(digest, v);
    });
    Sha256.update(digest, "referenced-secrets");
    referencedVersions.forEach((name, version) -> {
      Sha256.update(digest, name);
      Sha256.update(digest, version);
    });
    return Sha256.hex(digest);
  }
}
