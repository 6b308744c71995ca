package ai.litellm.operator.litellm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming decode of {@code {"data": [...]}}: incremental, exact, and strict about the shape. */
class LiteLLMModelListCodecTest {

    private static JsonObject entry(int i) {
        return new JsonObject().put("model_name", "m" + i)
            .put("litellm_params", new JsonObject().put("model", "openai/m" + i).put("tags", new JsonArray().add("a")))
            .put("model_info", new JsonObject().put("id", "id-" + i).put("db_model", true)
                .put("nested", new JsonObject().put("data", new JsonArray().add(1))));
    }

    /** Feeds {@code body} in chunks of {@code chunk} bytes; returns the stream after end(). */
    private static ModelListCodec.Stream feed(String body, int chunk) {
        ModelListCodec.Stream s = new ModelListCodec.Stream();
        Buffer b = Buffer.buffer(body);
        for (int off = 0; off < b.length(); off += chunk) {
            s.write(b.slice(off, Math.min(b.length(), off + chunk)));
        }
        s.end();
        return s;
    }

    private static ModelListCodec.Result result(ModelListCodec.Stream s) {
        return s.result().result();
    }

    @Test
    void modelsAreDecodedWhileTheBodyIsStillArriving() {
        JsonArray data = new JsonArray();
        for (int i = 0; i < 200; i++) {
            data.add(entry(i));
        }
        String body = new JsonObject().put("before", new JsonObject().put("data", new JsonArray().add(9)))
            .put("data", data).put("after", new JsonArray().add(new JsonObject())).encode();
        int[] atHalf = new int[1];
        ModelListCodec.Stream s = new ModelListCodec.Stream();
        Buffer b = Buffer.buffer(body);
        for (int off = 0; off < b.length(); off += 7) {
            s.write(b.slice(off, Math.min(b.length(), off + 7)));
            if (off <= b.length() / 2 && off + 7 > b.length() / 2) {
                atHalf[0] = s.decoded();
            }
        }
        assertTrue(atHalf[0] > 50 && atHalf[0] < 200, "half the body gave " + atHalf[0] + " models");
        s.end();
        ModelListCodec.Result r = result(s);
        assertNull(r.malformed());
        assertEquals(200, r.models().size());
        for (int i = 0; i < 200; i++) {
            LiteLLMModel m = r.models().get(i);
            assertEquals("id-" + i, m.id());
            assertEquals("m" + i, m.modelName());
            assertEquals(entry(i).getJsonObject("litellm_params"), m.litellmParams());
            assertTrue(m.isDbModel());
        }
    }

    @Test
    void anEmptyListIsFine() {
        assertEquals(List.of(), result(feed("{\"data\":[]}", 3)).models());
    }

    @Test
    void anythingElseIsMalformed() {
        assertEquals("expected {\"data\": [...]}", result(feed("null", 2)).malformed());
        assertEquals("expected {\"data\": [...]}", result(feed("", 2)).malformed());
        assertEquals("expected {\"data\": [...]}", result(feed("[{\"model_id\":\"x\"}]", 2)).malformed());
        assertEquals("expected {\"data\": [...]}", result(feed("{\"detail\":{\"error\":\"x\"}}", 2)).malformed());
        assertEquals("data entry is not an object", result(feed("{\"data\":[1]}", 2)).malformed());
        assertEquals("data entry is not an object", result(feed("{\"data\":[[{}]]}", 2)).malformed());
        assertEquals("model entry without model_id or model_info.id",
            result(feed("{\"data\":[{\"model_name\":\"n\"}]}", 5)).malformed());
        assertEquals("not JSON", result(feed("<html>502</html>", 4)).malformed());
        assertEquals("not JSON", result(feed("{\"data\":[{\"model_id\":\"x\"}", 4)).malformed());
        assertEquals(List.of(), result(feed("{\"data\":[{\"model_id\":\"x\"},2]}", 4)).models());
    }

    @Test
    void theHeadOfTheBodyIsKeptForErrorsAndBounded() {
        String error = "{\"error\":{\"message\":\"boom\",\"type\":\"auth_error\",\"code\":\"401\"}}";
        assertEquals(error, result(feed(error, 3)).head().toString());
        String huge = "x".repeat(ErrorEnvelope.MAX_BODY + 1000);
        assertEquals(ErrorEnvelope.MAX_BODY, result(feed(huge, 4096)).head().length());
    }
}
