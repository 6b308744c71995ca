package ai.litellm.operator.render;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with this install's key, for hashes that are published (a Model's {@code status.appliedPayloadHash}).
 * A plain hash of a payload that contains a credential is an offline guessing oracle for a low-entropy secret: anyone
 * who can read the status could try candidate keys until the hash matches. Keyed, the hash says only "same payload or
 * not" to whoever lacks the key, which only the operator reads.
 */
public final class KeyedHash {
  private final byte[] key;

  public KeyedHash(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("the hash key needs at least 16 bytes");
    }
    this.key = key.clone();
  }

  /**
   * Hex HMAC of {@code value}, its first 128 bits: ample to tell payloads apart, and every byte of a Model's status
   * is written to etcd and sent to every watcher on each change.
   */
  public String of(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(full, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "KeyedHash[key hidden]";
  }
}
