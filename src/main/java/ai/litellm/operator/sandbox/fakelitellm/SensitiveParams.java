package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Set;

/** Which values are secrets: popped from read responses (reference §2.6) and masked in recorded call bodies. */
final class SensitiveParams {
    /** Keys {@code remove_sensitive_info_from_deployment} pops from {@code litellm_params} on reads. */
    static final Set<String> POPPED_ON_READ =
        Set.of("api_key", "vertex_credentials", "aws_access_key_id", "aws_secret_access_key", "client_secret");

    private static final String MASK = "***";

    private SensitiveParams() {
    }

    static JsonObject stripForRead(JsonObject params) {
        JsonObject out = params.copy();
        POPPED_ON_READ.forEach(out::remove);
        return out;
    }

    /** Deep copy with every secret-looking value masked; safe to keep in the call log. */
    static Object mask(Object value) {
        if (value instanceof JsonObject obj) {
            JsonObject out = new JsonObject();
            obj.forEach(e -> out.put(e.getKey(), looksSecret(e.getKey()) && e.getValue() != null ? MASK : mask(e.getValue())));
            return out;
        }
        if (value instanceof JsonArray arr) {
            JsonArray out = new JsonArray();
            arr.forEach(v -> out.add(mask(v)));
            return out;
        }
        return value;
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return POPPED_ON_READ.contains(k) || k.contains("key") || k.contains("secret") || k.contains("password")
            || k.contains("token") && !k.contains("tokens") && !k.contains("per_token") || k.contains("credential");
    }
}
