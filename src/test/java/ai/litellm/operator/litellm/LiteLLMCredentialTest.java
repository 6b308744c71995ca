package ai.litellm.operator.litellm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LiteLLMCredentialTest {
  @Test
  void itsTextNamesKeysButShowsNoValueNotEvenMasked() {
    LiteLLMCredential c = new LiteLLMCredential("openai", new JsonObject().put("api_key", "sk****42")
        .put("api_base", "https://internal.example"), new JsonObject().put("team", "search"));
    String text = c.toString();
    assertTrue(text.contains("api_key") && text.contains("openai"), text);
    assertFalse(text.contains("sk****42") || text.contains("internal.example") || text.contains("search"), text);
  }
}
