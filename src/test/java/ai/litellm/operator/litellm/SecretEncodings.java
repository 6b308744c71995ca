package ai.litellm.operator.litellm;

import ai.litellm.operator.sandbox.fakelitellm.PythonRepr;
import io.vertx.core.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The encodings in which LiteLLM (or anything between it and us) may echo a secret, and a leak finder over them.
 * Test code: it states what "the secret appears" means, independently of how the client removes it.
 */
public enum SecretEncodings {
    RAW(s -> s),
    /** Jackson / Vert.x: non-ASCII kept, control characters as backslash-u00XX. */
    JSON(s -> unquote(Json.encode(s))),
    /** Python {@code json.dumps} (ensure_ascii): every non-ASCII UTF-16 unit as backslash-uXXXX. */
    JSON_ASCII(SecretEncodings::jsonAscii),
    /** Python {@code repr()}: backslashes doubled, quote and control characters escaped. */
    PYTHON_REPR(s -> unquote(PythonRepr.string(s))),
    BASE64(s -> Base64.getEncoder().encodeToString(utf8(s))),
    BASE64_NO_PADDING(s -> Base64.getEncoder().withoutPadding().encodeToString(utf8(s))),
    BASE64_URL(s -> Base64.getUrlEncoder().encodeToString(utf8(s))),
    BASE64_URL_NO_PADDING(s -> Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s))),
    /** application/x-www-form-urlencoded: space as {@code +}. */
    URL_FORM(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
    /** Percent-encoding with {@code %20} and lower-case hex, as some clients write it. */
    URL_PERCENT_LOWER(s -> lowerHex(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")));

    private final UnaryOperator<String> encoder;

    SecretEncodings(UnaryOperator<String> encoder) {
        this.encoder = encoder;
    }

    public String encode(String s) {
        return encoder.apply(s);
    }

    public boolean isBase64() {
        return name().startsWith("BASE64");
    }

    /**
     * The first run of at least {@code window} characters of {@code secret}'s encoded form (in any encoding; for base64
     * also of the secret shifted by one and two bytes, so fragments at every alignment count) that occurs in
     * {@code haystack}; null when none does.
     */
    public static String findLeak(String haystack, String secret, int window) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i + window <= haystack.length(); i++) {
            seen.add(haystack.substring(i, i + window));
        }
        for (SecretEncodings e : values()) {
            List<String> forms = new ArrayList<>();
            forms.add(e.encode(secret));
            if (e.isBase64()) {
                for (int shift = 1; shift <= 2 && shift < secret.length(); shift++) {
                    forms.add(e.encode(secret.substring(secret.offsetByCodePoints(0, shift))));
                }
            }
            for (String form : forms) {
                for (int i = 0; i + window <= form.length(); i++) {
                    String piece = form.substring(i, i + window);
                    if (seen.contains(piece)) {
                        return e + " fragment '" + piece + "'";
                    }
                }
            }
        }
        return null;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String jsonAscii(String s) {
        String jackson = unquote(Json.encode(s));
        StringBuilder out = new StringBuilder();
        for (char c : jackson.toCharArray()) {
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String lowerHex(String percentEncoded) {
        StringBuilder out = new StringBuilder(percentEncoded.length());
        for (int i = 0; i < percentEncoded.length(); i++) {
            char c = percentEncoded.charAt(i);
            if (c == '%' && i + 2 < percentEncoded.length()) {
                out.append('%').append(percentEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
