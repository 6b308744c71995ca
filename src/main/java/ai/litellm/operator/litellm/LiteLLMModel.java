package ai.litellm.operator.litellm;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One deployment as LiteLLM reports it. From read endpoints {@code litellmParams} is decrypted with secret keys
 * ({@code api_key}, cloud credentials) removed; from write endpoints it is the stored ciphertext and must not be
 * compared with a desired spec.
 */
public record LiteLLMModel(String id, String modelName, JsonObject litellmParams, JsonObject modelInfo) {

    public LiteLLMModel {
        Objects.requireNonNull(id, "id");
        litellmParams = litellmParams == null ? new JsonObject() : litellmParams;
        modelInfo = modelInfo == null ? new JsonObject() : modelInfo;
    }

    /** Config-file models ({@code db_model:false} on reads) cannot be edited or deleted through the API. */
    public boolean isDbModel() {
        return Boolean.TRUE.equals(modelInfo.getValue("db_model"));
    }

    /**
     * Parses a Prisma row (write responses: {@code model_id}) or a router entry (reads: {@code model_info.id}).
     * @throws IllegalArgumentException when neither carries an id
     */
    static LiteLLMModel fromJson(JsonObject json) {
        JsonObject info = json.getValue("model_info") instanceof JsonObject i ? i : new JsonObject();
        Object id = json.getValue("model_id");
        if (id == null) {
            id = info.getValue("id");
        }
        if (id == null) {
            throw new IllegalArgumentException("model entry without model_id or model_info.id");
        }
        JsonObject params = json.getValue("litellm_params") instanceof JsonObject p ? p : new JsonObject();
        Object name = json.getValue("model_name");
        return new LiteLLMModel(id.toString(), name == null ? null : name.toString(), params, info);
    }
}
