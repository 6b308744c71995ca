package ai.litellm.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading a Secret's content the way the kubelet does: base64 {@code data}, overlaid by {@code stringData}. */
public final class SecretData {
  private SecretData() {}

  public static SortedMap<String, String> decode(Secret secret) {
    SortedMap<String, String> out = new TreeMap<>();
    if (secret.getData() != null) {
      Base64.Decoder base64 = Base64.getMimeDecoder();
      secret.getData().forEach((k, v) -> {
        if (v != null) {
          out.put(k, new String(base64.decode(v), StandardCharsets.UTF_8));
        }
      });
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> {
        if (v != null) {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  /**
   * A snapshot for {@link ResolvedInstanceInputs} whose version digests every key's content (offline rendering, where
   * which keys matter is not narrowed down).
   */
  public static SecretSnapshot snapshot(Secret secret) {
    return snapshot(secret, decode(secret).keySet());
  }

  /**
   * A snapshot whose version is {@code sha256:<digest of the values of readKeys>}: it changes exactly when a value the
   * pods read changes. Not the resourceVersion, which also moves on label/annotation edits and on changes to keys the
   * pods never read (a Secret shared with other workloads), and would roll the proxy for nothing. The digest is never
   * published on its own: it only feeds {@link ConfigHash}, which also mixes in the instance's random salt key, so the
   * published config hash cannot be used to guess a value.
   */
  public static SecretSnapshot snapshot(Secret secret, java.util.Set<String> readKeys) {
    SortedMap<String, String> data = decode(secret);
    var digest = Sha256.newDigest();
    for (String key : new java.util.TreeSet<>(readKeys)) {
      String value = data.get(key);
      if (value != null) {
        Sha256.update(digest, key);
        Sha256.update(digest, value);
      }
    }
    return new SecretSnapshot("sha256:" + Sha256.hex(digest), new java.util.TreeSet<>(data.keySet()));
  }
}
