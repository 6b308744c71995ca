package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Turns a {@code Deployment} body into the DB row {@code _add_model_to_db} would write (reference §2.1, §2.2). */
final class RowFactory {
    /** Booleans the proxy defaults into stored and echoed params. */
    private static final String[] DEFAULT_FALSE_PARAMS =
        {"use_in_pass_through", "use_litellm_proxy", "merge_reasoning_content_in_choices"};

    private RowFactory() {
    }

    /** {@code ModelInfo.__init__}: a missing id becomes str(uuid4()); an int id is coerced to str. */
    static String idOf(JsonObject modelInfo) {
        Object id = modelInfo == null ? null : modelInfo.getValue("id");
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }

    static DbRow fromDeployment(JsonObject deployment, ParamCipher cipher, Instant now) {
        JsonObject info = withoutNulls(deployment.getJsonObject("model_info", new JsonObject()));
        String id = idOf(info);
        info.put("id", id).put("db_model", false);
        JsonObject params = withoutNulls(deployment.getJsonObject("litellm_params", new JsonObject()));
        for (String key : DEFAULT_FALSE_PARAMS) {
            if (!params.containsKey(key)) {
                params.put(key, false);
            }
        }
        return new DbRow(id, deployment.getString("model_name"), cipher.encryptStrings(params), info, now);
    }

    static JsonObject withoutNulls(JsonObject in) {
        JsonObject out = new JsonObject();
        in.forEach(e -> {
            if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
