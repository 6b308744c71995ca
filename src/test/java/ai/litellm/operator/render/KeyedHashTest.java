package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payload hash a Model's status publishes is keyed: whoever reads the status cannot test guesses of a low-entropy
 * credential against it offline. (The plain SHA-256 of the payload was published before: hashing the payload with
 * each guessed key and comparing found the key.)
 */
class KeyedHashTest {
  private static final KeyedHash INSTALL = new KeyedHash("an-install-key-of-32-bytes......".getBytes(
      StandardCharsets.UTF_8));

  @Test
  void theSameInputGivesTheSameHashOnlyUnderTheSameKey() {
    assertEquals(INSTALL.of("payload"), INSTALL.of("payload"));
    assertNotEquals(INSTALL.of("payload"), INSTALL.of("payload2"));
    assertNotEquals(INSTALL.of("payload"), new KeyedHash("another-install-key-32-bytes....".getBytes(
        StandardCharsets.UTF_8)).of("payload"));
    assertThrows(IllegalArgumentException.class, () -> new KeyedHash(new byte[8]));
    assertFalse(INSTALL.toString().contains("install-key"));
  }

  @Test
  void aGuessedCredentialCannotBeConfirmedFromThePublishedHash() {
    Model m = new Model();
    m.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace("ns").withName("m")
        .withUid("u").build());
    m.getSpec().modelName = "m";
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = "openai/gpt-4o";
    String published = INSTALL.of(ModelPayloadRenderer.render(m, Map.of("apiKey", "sk-1234"), "url", "i")
        .payloadHash());
    // An attacker renders the same Model with the right guess: without the install key the hashes never match.
    String guess = ModelPayloadRenderer.render(m, Map.of("apiKey", "sk-1234"), "url", "i").payloadHash();
    assertNotEquals(guess, published);
  }
}
