package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.LiteLLMKeys;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.ProxyConfigRenderer;
import ai.litellm.operator.testing.CrdSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The CRD schemas repeat a few of the controller's constants (the controller keeps its checks as a second line: the
 * sandbox API server does not validate). They must be the same values, or the schema and the controller would disagree
 * about what is valid.
 */
class CrdRulesMatchTheControllerTest {
  private static final JsonNode MODEL_SPEC =
      CrdSchema.forKind("Model").openApiSchema().path("properties").path("spec").path("properties");
  private static final JsonNode INSTANCE =
      CrdSchema.forKind("LiteLLMInstance").openApiSchema().path("properties");

  @Test
  void reservedModelInfoKeysAreTheOwnershipMarkerAndTheId() {
    JsonNode rule = MODEL_SPEC.at("/modelInfo/properties/additionalProp1/not/anyOf");
    Set<String> reserved = new TreeSet<>();
    rule.forEach(branch -> branch.path("required").forEach(k -> reserved.add(k.asString())));
    assertEquals(new TreeSet<>(Set.of(LiteLLMKeys.MODEL_INFO_ID, ModelOwnership.OWNER_KEY, ModelOwnership.UID_KEY,
        ModelOwnership.INSTALL_KEY)), reserved);
  }

  @Test
  void instanceNamesHaveTheLengthTheServiceNameAllows() {
    assertEquals(InstanceNames.MAX_NAME_LENGTH, INSTANCE.at("/metadata/properties/name/maxLength").asInt());
    assertEquals(InstanceNames.MAX_NAME_LENGTH,
        MODEL_SPEC.at("/connectionRef/properties/instanceRef/properties/name/maxLength").asInt());
    assertEquals(InstanceNames.MAX_NAME_LENGTH, CrdSchema.forKind("Credential").openApiSchema()
        .at("/properties/spec/properties/connectionRef/properties/instanceRef/properties/name/maxLength").asInt());
  }

  @Test
  void theMasterKeyEnvVarIsTheOneExtraEnvVarsMayNotSet() {
    List<String> forbidden = new ArrayList<>();
    INSTANCE.at("/spec/properties/extraEnvVars/items/properties/name/not/enum")
        .forEach(v -> forbidden.add(v.asString()));
    assertEquals(List.of(ProxyConfigRenderer.MASTER_KEY_ENV), forbidden);
  }

  @Test
  void theInitModelIdIsReservedInAdditionalProperties() {
    assertEquals(LiteLLMKeys.MODEL_INFO_ID, INSTANCE.at(
        "/spec/properties/models/items/properties/additionalProperties/not/required/0").asString());
  }
}
