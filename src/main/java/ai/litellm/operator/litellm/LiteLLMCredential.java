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

    /**
     * Parses LiteLLM's {@code CredentialItem} ({@code credential_name}, {@code credential_values}, {@code
     * credential_info}).
     * @throws IllegalArgumentException when it carries no name
     */
    static LiteLLMCredential fromJson(JsonObject json) {
        if (!(json.getValue("credential_name") instanceof String name)) {
            throw new IllegalArgumentException("credential without credential_name");
        }
        return new LiteLLMCredential(name,
            json.getValue("credential_values") instanceof JsonObject v ? v : null,
            json.getValue("credential_info") instanceof JsonObject i ? i : null);
    }

    /** Names only: even masked, a value shows four of its characters (and {@code api_base} in clear). */
    @Override
    public String toString() {
        return "LiteLLMCredential[name=" + name + ", keys=" + maskedValues.fieldNames() + ", info=" + info.fieldNames()
            + "]";
    }
}
