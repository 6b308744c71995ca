package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts every string value of {@code litellm_params} the way the proxy stores them (reference §3.3): key =
 * sha256(salt key), base64url ciphertext. The real proxy uses NaCl SecretBox; AES-GCM has the same observable shape
 * (opaque, differs per write) and ships with the JDK. Undecryptable values are returned unchanged, like newer builds.
 */
final class ParamCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    ParamCipher(String saltKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(saltKey.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    JsonObject encryptStrings(JsonObject params) {
        JsonObject out = new JsonObject();
        params.forEach(e -> out.put(e.getKey(), e.getValue() instanceof String s ? encrypt(s) : e.getValue()));
        return out;
    }

    JsonObject decryptStrings(JsonObject params) {
        JsonObject out = new JsonObject();
        params.forEach(e -> out.put(e.getKey(), e.getValue() instanceof String s ? decrypt(s) : e.getValue()));
        return out;
    }

    String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    String decrypt(String stored) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(stored);
            if (all.length <= IV_BYTES) {
                return stored;
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return stored;
        }
    }
}
