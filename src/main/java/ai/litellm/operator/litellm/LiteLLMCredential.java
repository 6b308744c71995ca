package ai.litellm.operator.litellm;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One credential as a LiteLLM worker reports it ({@code GET /credentials/by_name/{name}}): served from that worker's
 * in-memory list, so it may lag a write by one poll. {@code maskedValues} are LiteLLM's masked echo ({@code sk****56}
 * for secret-looking keys, others in clear): never send them back. {@code info} is returned in clear.
 */
public record LiteLLMCredential(String name, JsonObject maskedValues, JsonObject info) {
    public LiteLLMCredential {
        Objects.requireNonNull(name, "name");
        maskedValues = maskedValues == null ? new JsonObject() : maskedValues;
        info = info == null ? new JsonObject() : info;
    }
}
