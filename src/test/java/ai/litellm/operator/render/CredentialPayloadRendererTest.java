package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretKeys;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.SecretRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialPayloadRendererTest {
  static final String URL = "http://proxy:4000";

  static Credential credential() {
    Credential c = new Credential();
    c.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("openai").withUid("uid-1").build());
    c.getSpec().connectionRef = new ConnectionRef();
    c.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    c.getSpec().secretRef = new CredentialSecretRef();
    c.getSpec().secretRef.secretName = "openai-key";
    return c;
  }

  private static CredentialPayload render(Credential c, Map<String, String> data) {
    return CredentialPayloadRenderer.render(c, data, URL, "install-1");
  }

  @Test
  void defaultKeysFillWhatTheSecretHasAndTheMarkerNamesTheInstall() {
    CredentialPayload p = render(credential(), Map.of("apiKey", " sk-1234567890 ", "apiBase", "https://api", "other",
        "ignored"));
    assertEquals("openai", p.name());
    assertEquals(new JsonObject().put("api_base", "https://api").put("api_key", "sk-1234567890"), p.values());
    assertEquals("team-a/openai", p.info().getString(ModelOwnership.OWNER_KEY));
    assertEquals("uid-1", p.info().getString(ModelOwnership.UID_KEY));
    assertEquals("install-1", p.info().getString(ModelOwnership.INSTALL_KEY));
    assertEquals(p.body().getString("credential_name"), "openai");
    assertFalse(p.toString().contains("sk-1234567890"), "toString never prints a value");
  }

  @Test
  void explicitKeysAndExtraKeysMapSecretKeysAndAMissingOneIsNamed() {
    Credential c = credential();
    c.getSpec().credentialName = "openai-prod";
    c.getSpec().secretRef.keys = new CredentialSecretKeys();
    c.getSpec().secretRef.keys.apiKey = "OPENAI_API_KEY";
    c.getSpec().secretRef.extraKeys = Map.of("organization", "ORG");
    CredentialPayload p = render(c, Map.of("OPENAI_API_KEY", "sk-abc", "ORG", "org-1", "apiBase", "not-mapped"));
    assertEquals("openai-prod", p.name());
    assertEquals(new JsonObject().put("api_key", "sk-abc").put("organization", "org-1"), p.values());

    var e = assertThrows(SecretValueMissingException.class, () -> render(c, Map.of("OPENAI_API_KEY", "sk-abc")));
    assertEquals(SecretValueMissingException.KEY_MISSING, e.reason());
    assertTrue(e.getMessage().contains("'ORG'") && e.getMessage().contains("organization"), e.getMessage());
  }

  @Test
  void aSecretThatFillsNothingIsIncomplete() {
    var e = assertThrows(SecretValueMissingException.class, () -> render(credential(), Map.of("api-key", "x")));
    assertEquals(SecretValueMissingException.INCOMPLETE, e.reason());
    assertTrue(e.getMessage().contains("apiKey, apiBase"), e.getMessage());
  }

  @Test
  void rotationMovingAndInfoChangeTheHashButNothingElseDoes() {
    Credential c = credential();
    String base = render(c, Map.of("apiKey", "sk-1")).hash();
    assertEquals(base, render(credential(), Map.of("apiKey", "sk-1", "unrelated", "x")).hash());
    assertNotEquals(base, render(c, Map.of("apiKey", "sk-2")).hash());
    assertNotEquals(base, CredentialPayloadRenderer.render(c, Map.of("apiKey", "sk-1"), "http://other:4000",
        "install-1").hash());
    c.getSpec().credentialInfo = Map.of("description", "prod");
    assertNotEquals(base, render(c, Map.of("apiKey", "sk-1")).hash());
  }

  @Test
  void infoKeysInAnyOrderRenderAlike() {
    Credential a = credential();
    Credential b = credential();
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", "x");
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", "x");
    ba.put("a", 1);
    a.getSpec().credentialInfo = ab;
    b.getSpec().credentialInfo = ba;
    assertEquals(render(a, Map.of("apiKey", "k")).hash(), render(b, Map.of("apiKey", "k")).hash());
  }

  @Test
  void badSpecsAreInvalid() {
    Credential slash = credential();
    slash.getSpec().credentialName = "openai/prod";
    assertThrows(InvalidSpecException.class, () -> render(slash, Map.of("apiKey", "k")));
    Credential secretInInfo = credential();
    secretInInfo.getSpec().credentialInfo = Map.of("api_key", "sk-leak");
    var e = assertThrows(InvalidSpecException.class, () -> render(secretInInfo, Map.of("apiKey", "k")));
    assertFalse(e.getMessage().contains("sk-leak"));
    Credential marker = credential();
    marker.getSpec().credentialInfo = Map.of(ModelOwnership.UID_KEY, "forged");
    assertThrows(InvalidSpecException.class, () -> render(marker, Map.of("apiKey", "k")));
    Credential clash = credential();
    clash.getSpec().secretRef.extraKeys = Map.of("api_key", "k");
    assertThrows(InvalidSpecException.class, () -> render(clash, Map.of("k", "v")));
    Credential camel = credential();
    camel.getSpec().secretRef.extraKeys = Map.of("apiToken", "k");
    assertThrows(InvalidSpecException.class, () -> render(camel, Map.of("k", "v")));
  }

  @Test
  void connectionTargetsDescribeTheProxyWithTheReferrersNamespaceByDefault() {
    ConnectionRef viaInstance = new ConnectionRef();
    viaInstance.instanceRef = new InstanceRef(null, "proxy");
    assertEquals("LiteLLMInstance team-a/proxy", ConnectionTargets.describe("team-a", viaInstance));
    viaInstance.instanceRef = new InstanceRef("shared", "proxy");
    assertEquals("LiteLLMInstance shared/proxy", ConnectionTargets.describe("team-a", viaInstance));
    ConnectionRef both = new ConnectionRef();
    both.instanceRef = new InstanceRef(null, "proxy");
    both.secretRef = new SecretRef(null, "conn");
    assertEquals("Secret team-a/conn", ConnectionTargets.describe("team-a", both), "secretRef wins, as it connects");
    assertNull(ConnectionTargets.describe("team-a", new ConnectionRef()));
    assertTrue(ConnectionTargets.isInstance("LiteLLMInstance shared/proxy", "shared", "proxy"));
  }

  @Test
  void theNameOfAStoredCredentialIsNotACredential() {
    assertFalse(CredentialKeys.isCredential("litellm_credential_name"));
    assertFalse(CredentialKeys.isCredential("litellmCredentialName"));
    assertTrue(CredentialKeys.isCredential("credential"));
    assertTrue(CredentialKeys.isCredential("vertex_credentials"));
    assertTrue(CredentialKeys.isCredential("credential_name_secret"));
  }
}
