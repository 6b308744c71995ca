package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPayloadRendererTest {
  private static final Map<String, String> SECRET = Map.of("apiKey", "sk-secret-value-1", "apiBase", "https://s.example/");

  private static Model model() {
    return Examples.model("model-instance-ref.yaml");
  }

  private static ModelPayload render(Model model, Map<String, String> secret) {
    return ModelPayloadRenderer.render(model, secret, "instance:ai/litellm-example", "test-install");
  }

  @Test
  void modelNameIsExactAndCostsAreExactNumbers() {
    JsonObject body = render(model(), SECRET).body();
    assertEquals("claude-sonnet", body.getString("model_name"));
    Object cost = body.getJsonObject("litellm_params").getValue("input_cost_per_token");
    assertEquals(0, new BigDecimal("0.000003").compareTo((BigDecimal) cost));
  }

  @Test
  void secretWinsOverSpecAndIsKeptOutOfStatus() {
    Model model = model();
    model.getSpec().litellmParams.apiKey = "sk-from-spec";
    model.getSpec().litellmParams.apiBase = "https://spec.example/";
    ModelPayload payload = render(model, SECRET);
    JsonObject params = payload.litellmParams();
    assertEquals("sk-secret-value-1", params.getString("api_key"));
    assertEquals("https://s.example/", params.getString("api_base"));
    String status = Serialization.asJson(payload.statusParams());
    assertFalse(status.contains("sk-from-spec"));
    assertFalse(status.contains("sk-secret-value-1"));
    assertFalse(status.contains("example/"), "a Secret-sourced api_base is not echoed into status");
    assertFalse(payload.toString().contains("sk-"));
  }

  @Test
  void specCredentialsNeverReachStatus() {
    Model model = model();
    model.getSpec().litellmParams.awsSecretAccessKey = "aws-secret";
    model.getSpec().litellmParams.awsAccessKeyId = "aws-id";
    model.getSpec().litellmParams.vertexCredentials = "{\"private_key\":\"k\"}";
    model.getSpec().litellmParams.additionalProp1 = Map.of("api_key", "sk-extra", "seed", 7,
        "aws_session_token", "tok-session", "azure_ad_token", "eyJ-ad", "client_private_pem", "-----BEGIN");
    var status = render(model, Map.of()).statusParams();
    assertNull(status.awsSecretAccessKey);
    assertNull(status.awsAccessKeyId);
    assertNull(status.vertexCredentials);
    assertEquals(Map.of("seed", 7), status.additionalProp1);
  }

  @Test
  void derivedIdIsStableAndOwnershipMarked() {
    ModelPayload first = render(model(), SECRET);
    ModelPayload second = render(model(), SECRET);
    assertEquals(first.modelId(), second.modelId());
    assertTrue(first.modelId().startsWith("k8s-" + Examples.MODEL_UID + "-"));
    JsonObject info = first.modelInfo();
    assertEquals("ai/claude-sonnet", ModelOwnership.ownerOf(info));
    assertEquals(Examples.MODEL_UID, ModelOwnership.ownerUidOf(info));
    assertFalse(info.containsKey("team_id"));
  }

  @Test
  void derivedIdChangesWithModelInfoOrNameButNotWithParams() {
    String id = render(model(), SECRET).modelId();
    Model rpm = model();
    rpm.getSpec().litellmParams.rpm = 5;
    assertEquals(id, render(rpm, SECRET).modelId());
    Model renamed = model();
    renamed.getSpec().modelName = "claude";
    assertNotEquals(id, render(renamed, SECRET).modelId());
    Model info = model();
    info.getSpec().modelInfo.additionalProp1 = Map.of("mode", "completion");
    assertNotEquals(id, render(info, SECRET).modelId());
  }

  @Test
  void explicitIdAndTeamAreSent() {
    Model model = model();
    model.getSpec().modelInfo = new ModelInfo();
    model.getSpec().modelInfo.id = "my-id";
    model.getSpec().modelInfo.teamId = "team-1";
    JsonObject info = render(model, SECRET).modelInfo();
    assertEquals("my-id", info.getString("id"));
    assertEquals("team-1", info.getString("team_id"));
  }

  @Test
  void hashIsDeterministicAndCoversSecretsAndConnection() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("x", 1);
    a.put("y", Map.of("b", 2, "a", 1));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("y", Map.of("a", 1, "b", 2));
    b.put("x", 1);
    Model first = model();
    first.getSpec().litellmParams.additionalProp1 = a;
    Model second = model();
    second.getSpec().litellmParams.additionalProp1 = b;
    String hash = render(first, SECRET).payloadHash();
    assertEquals(hash, render(second, SECRET).payloadHash());
    assertEquals(render(first, SECRET).body().encode(), render(second, SECRET).body().encode());
    assertNotEquals(hash, render(first, Map.of("apiKey", "sk-rotated", "apiBase", "https://s.example/")).payloadHash());
    assertNotEquals(hash, ModelPayloadRenderer.render(first, SECRET, "instance:other/x", "test-install").payloadHash());
  }

  @Test
  void missingModelNameIsInvalid() {
    Model model = model();
    model.getSpec().modelName = " ";
    var e = assertThrows(InvalidSpecException.class, () -> render(model, SECRET));
    assertTrue(e.getMessage().startsWith("spec.modelName is required"));
  }

  @Test
  void anIdOfTheFormDerivedForAnotherModelIsInvalid() {
    Model model = model();
    if (model.getSpec().modelInfo == null) {
      model.getSpec().modelInfo = new ai.litellm.operator.api.ModelInfo();
    }
    model.getSpec().modelInfo.id = "k8s-0d5b0c8e-another-models-uid-1234abcd";
    var e = assertThrows(InvalidSpecException.class, () -> render(model, SECRET));
    assertTrue(e.getMessage().contains("has the form the operator derives for another Model"), e.getMessage());
    model.getSpec().modelInfo.id = "k8s-" + model.getMetadata().getUid() + "-mine";
    assertEquals("k8s-" + model.getMetadata().getUid() + "-mine", render(model, SECRET).modelId(), "its own form");
    model.getSpec().modelInfo.id = "team-a-gpt-4o";
    assertEquals("team-a-gpt-4o", render(model, SECRET).modelId());
  }

  @Test
  void missingProviderModelIsInvalid() {
    Model model = model();
    model.getSpec().litellmParams.model = null;
    var e = assertThrows(InvalidSpecException.class, () -> render(model, SECRET));
    assertTrue(e.getMessage().startsWith("spec.litellmParams.model is required"));
  }

  @Test
  void unparsableCostIsInvalid() {
    Model model = model();
    model.getSpec().litellmParams.maxBudget = "1,5";
    var e = assertThrows(InvalidSpecException.class, () -> render(model, SECRET));
    assertTrue(e.getMessage().startsWith("spec.litellmParams.maxBudget must be a decimal number"), e.getMessage());
  }

  @Test
  void additionalPropClashingWithTypedFieldIsInvalid() {
    Model model = model();
    model.getSpec().litellmParams.additionalProp1 = Map.of("rpm", 5);
    assertThrows(InvalidSpecException.class, () -> render(model, SECRET));
    Model reserved = model();
    reserved.getSpec().modelInfo.additionalProp1 = Map.of("litellm_operator_owner", "someone/else");
    assertThrows(InvalidSpecException.class, () -> render(reserved, SECRET));
  }
}
