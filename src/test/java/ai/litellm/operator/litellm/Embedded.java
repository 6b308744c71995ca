package ai.litellm.operator.litellm;

import ai.litellm.operator.sandbox.fakelitellm.PythonRepr;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One fragment of a secret as it was put into an error body, in one encoding, and the test of whether any run of
 * {@link LiteLLMErrorSanitizingPropertyTest#FRAGMENT} code points of it (in that same encoding) is still in an output.
 */
final class Embedded {
    private static final int K = LiteLLMErrorSanitizingPropertyTest.FRAGMENT;

    final SecretEncodings encoding;
    final int secretLength;
    final String text;
    private final List<String> pieces;

    private Embedded(SecretEncodings encoding, String fragment, int secretLength) {
        this.encoding = encoding;
        this.secretLength = secretLength;
        char quote = PythonRepr.string(fragment).charAt(0);
        this.pieces = encoding.isBase64() ? List.of(encoding.encode(fragment)) : pieces(encoding, fragment, quote);
        this.text = String.join("", pieces);
    }

    static Embedded random(Random r, String secret) {
        SecretEncodings[] all = SecretEncodings.values();
        return new Embedded(all[r.nextInt(all.length)], fragment(r, secret), secret.length());
    }

    static Embedded whole(SecretEncodings encoding, String secret) {
        return new Embedded(encoding, secret, secret.length());
    }

    /** The whole secret, or a random run of at least K code points of it. */
    private static String fragment(Random r, String secret) {
        int cps = secret.codePointCount(0, secret.length());
        if (cps <= K || r.nextBoolean()) {
            return secret;
        }
        int length = K + r.nextInt(cps - K + 1);
        int start = r.nextInt(cps - length + 1);
        int from = secret.offsetByCodePoints(0, start);
        return secret.substring(from, secret.offsetByCodePoints(from, length));
    }

    /** The encoded form, one element per code point (the char-wise encodings encode code points independently). */
    private static List<String> pieces(SecretEncodings encoding, String fragment, char quote) {
        List<String> out = new ArrayList<>();
        fragment.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (encoding == SecretEncodings.PYTHON_REPR && (cp == '\'' || cp == '"')) {
                out.add(cp == quote ? "\\" + one : one);
            } else {
                out.add(encoding.encode(one));
            }
        });
        return out;
    }

    /** A surviving run, or null. */
    String leakIn(String output) {
        if (encoding.isBase64()) {
            // 4 groups = 12 bytes >= K: any aligned run of 16 base64 characters carries a K-byte fragment.
            for (int i = 0; i + 16 <= text.length(); i += 4) {
                if (output.contains(text.substring(i, i + 16))) {
                    return text.substring(i, i + 16);
                }
            }
            return text.length() < 16 && output.contains(text) ? text : null;
        }
        if (pieces.size() < K) {
            return output.contains(text) ? text : null;
        }
        for (int i = 0; i + K <= pieces.size(); i++) {
            String window = String.join("", pieces.subList(i, i + K));
            if (output.contains(window)) {
                return window;
            }
        }
        return null;
    }

    /** A run of K code points of {@code secret} (or all of it, when shorter) found raw in {@code haystack}, or null. */
    static String rawLeak(String haystack, String secret) {
        int cps = secret.codePointCount(0, secret.length());
        if (cps < K) {
            return haystack.contains(secret) ? secret : null;
        }
        for (int start = 0; start + K <= cps; start++) {
            int from = secret.offsetByCodePoints(0, start);
            String window = secret.substring(from, secret.offsetByCodePoints(from, K));
            if (haystack.contains(window)) {
                return window;
            }
        }
        return null;
    }
}
