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
   * A snapshot for {@link ResolvedInstanceInputs}: version = metadata.resourceVersion when the Secret came from the
   * API server, else {@code sha256:<digest of its content>} (offline rendering), so content changes always show.
   */
  public static SecretSnapshot snapshot(Secret secret) {
    SortedMap<String, String> data = decode(secret);
    String resourceVersion = secret.getMetadata() == null ? null : secret.getMetadata().getResourceVersion();
    if (resourceVersion != null && !resourceVersion.isBlank()) {
      return new SecretSnapshot(resourceVersion, new java.util.TreeSet<>(data.keySet()));
    }
    var digest = Sha256.newDigest();
    for (Map.Entry<String, String> e : data.entrySet()) {
      Sha256.update(digest, e.getKey());
      Sha256.update(digest, e.getValue());
    }
    return new SecretSnapshot("sha256:" + Sha256.hex(digest), new java.util.TreeSet<>(data.keySet()));
  }
}
