package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One row of the fake's {@code LiteLLM_ProxyModelTable}; {@code litellmParams} holds ciphertext like the real table. */
final class DbRow {
    private static final DateTimeFormatter PRISMA_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    static final String ADMIN_USER = "default_user_id";

    final String modelId;
    String modelName;
    JsonObject litellmParams;
    JsonObject modelInfo;
    final String createdAt;
    final String createdBy;
    String updatedAt;
    String updatedBy;
    /**
     * Drawn from one process-wide sequence on creation and on every change, so router views re-decrypt only rows that
     * changed, and a row deleted and re-created under the same id never looks unchanged.
     */
    long version = VERSIONS.incrementAndGet();
    private static final java.util.concurrent.atomic.AtomicLong VERSIONS = new java.util.concurrent.atomic.AtomicLong();

    DbRow(String modelId, String modelName, JsonObject encryptedParams, JsonObject modelInfo, Instant now) {
        this.modelId = modelId;
        this.modelName = modelName;
        this.litellmParams = encryptedParams;
        this.modelInfo = modelInfo;
        this.createdAt = PRISMA_TIME.format(now);
        this.createdBy = ADMIN_USER;
        this.updatedAt = createdAt;
        this.updatedBy = ADMIN_USER;
    }

    void touch(Instant now) {
        version = VERSIONS.incrementAndGet();
        updatedAt = PRISMA_TIME.format(now);
        updatedBy = ADMIN_USER;
    }

    /** The Prisma row as write endpoints return it: params stay encrypted. */
    JsonObject toJson() {
        return toJson(litellmParams);
    }

    JsonObject toJson(JsonObject params) {
        return new JsonObject()
            .put("model_id", modelId)
            .put("model_name", modelName)
            .put("litellm_params", params.copy())
            .put("model_info", modelInfo.copy())
            .put("created_at", createdAt)
            .put("created_by", createdBy)
            .put("updated_at", updatedAt)
            .put("updated_by", updatedBy);
    }
}
