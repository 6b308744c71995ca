package ai.litellm.operator.litellm;

import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Removes known secret values from server error text before it enters an exception message: the master key and the
 * secret-looking string values of the request's {@code litellm_params} (a 422 or a Python repr may echo them).
 */
final class SecretScrubber {
    /** Shorter values are too likely to match ordinary words to be worth replacing. */
    private static final int MIN_SECRET_LENGTH = 6;
    private final Set<String> secrets = new HashSet<>();

    SecretScrubber(String masterKey, JsonObject requestBody) {
        add(masterKey);
        JsonObject params = requestBody == null ? null
            : requestBody.getValue("litellm_params") instanceof JsonObject p ? p : null;
        if (params != null) {
            params.forEach(e -> {
                if (e.getValue() instanceof String s && looksSecret(e.getKey())) {
                    add(s);
                }
            });
        }
    }

    private void add(String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            secrets.add(value);
        }
    }

    String scrub(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "<redacted>");
        }
        return out;
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("key") || k.contains("secret") || k.contains("password") || k.contains("credential")
            || k.equals("token") || k.endsWith("_token") && !k.endsWith("per_token");
    }
}
