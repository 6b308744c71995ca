package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The small parsers behind the dispatcher: request and resource paths, JSONPath columns, ages, patch bodies. */
class PathsAndPrintingTest {

  @Test
  void resourcePathsOfNamespacedClusterScopedAndSubresources() {
    ResourcePath model = ResourcePath.parse("/apis/litellm.litellm.ai/v1alpha1/namespaces/ns1/models/m/status").get();
    assertEquals("litellm.litellm.ai", model.group());
    assertEquals("ns1", model.namespace());
    assertEquals("models", model.plural());
    assertEquals("m", model.name());
    assertEquals("status", model.subresource());
    assertEquals("/apis/litellm.litellm.ai/v1alpha1/namespaces/ns1/models", model.collectionPath());

    ResourcePath namespace = ResourcePath.parse("/api/v1/namespaces/ns1").get();
    assertEquals("namespaces", namespace.plural());
    assertEquals("ns1", namespace.name());
    assertNull(namespace.namespace());

    ResourcePath list = ResourcePath.parse("/api/v1/namespaces/ns1/secrets").get();
    assertEquals("secrets", list.plural());
    assertNull(list.name());
    assertTrue(ResourcePath.parse("/apis/apps").isEmpty());
  }

  @Test
  void requestPathSplitsAndDecodesQuery() {
    RequestPath p = RequestPath.parse("/api/v1/pods/?watch=true&labelSelector=a%3Db&fieldManager=kubectl");
    assertEquals("/api/v1/pods", p.path());
    assertTrue(p.isWatch());
    assertEquals("a=b", p.query().get("labelSelector"));
    assertEquals("/api/v1/pods?watch=true&labelSelector=a%3Db&fieldManager=kubectl", p.target());
    assertEquals("/version", RequestPath.parse("/version").target());
  }

  @Test
  void jsonPathSelectsFieldsIndexesAndFilters() {
    JsonNode obj = JsonResponses.MAPPER.readTree("""
        {"spec":{"litellmParams":{"model":"openai/gpt-4o"},"replicas":3},
         "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True","reason":"Ok"}]}}
        """);
    assertEquals("openai/gpt-4o", SimpleJsonPath.parse(".spec.litellmParams.model").select(obj).get(0).asString());
    assertEquals(3, SimpleJsonPath.parse("{.spec.replicas}").select(obj).get(0).asInt());
    assertEquals("True", SimpleJsonPath.parse(".status.conditions[?(@.type==\"Ready\")].status").select(obj).get(0)
        .asString());
    assertEquals("Synced", SimpleJsonPath.parse(".status.conditions[?(@.type!='Ready')].type").select(obj).get(0)
        .asString());
    assertEquals("Ready", SimpleJsonPath.parse(".status.conditions[-1].type").select(obj).get(0).asString());
    assertEquals(2, SimpleJsonPath.parse(".status.conditions[*].type").select(obj).size());
    assertEquals("openai/gpt-4o", SimpleJsonPath.parse(".spec['litellmParams'].model").select(obj).get(0).asString());
    assertTrue(SimpleJsonPath.parse(".status.missing.deeper").select(obj).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> SimpleJsonPath.parse(".a[?(@.x > 1)]"));
    assertThrows(IllegalArgumentException.class, () -> SimpleJsonPath.parse("spec"));
  }

  @Test
  void agesFormatLikeKubectl() {
    assertEquals("0s", HumanDuration.format(Duration.ofMillis(-500)));
    assertEquals("42s", HumanDuration.format(Duration.ofSeconds(42)));
    assertEquals("119s", HumanDuration.format(Duration.ofSeconds(119)));
    assertEquals("5m10s", HumanDuration.format(Duration.ofSeconds(310)));
    assertEquals("45m", HumanDuration.format(Duration.ofMinutes(45)));
    assertEquals("3h5m", HumanDuration.format(Duration.ofMinutes(185)));
    assertEquals("20h", HumanDuration.format(Duration.ofHours(20)));
    assertEquals("3d4h", HumanDuration.format(Duration.ofHours(76)));
    assertEquals("30d", HumanDuration.format(Duration.ofDays(30)));
    assertEquals("2y10d", HumanDuration.format(Duration.ofDays(740)));
  }

  @Test
  void patchBodiesBecomeMergePatches() {
    JsonNode applied = PatchBodies.appliedObject("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          managedFields: [{manager: x}]
        data: {a: "1"}
        """);
    assertEquals("1", applied.path("data").path("a").asString());
    assertTrue(applied.path("metadata").path("managedFields").isMissingNode());
    assertEquals("c", PatchBodies.appliedObject("{\"metadata\":{\"name\":\"c\"}}").path("metadata").path("name")
        .asString());
    assertThrows(IllegalArgumentException.class, () -> PatchBodies.appliedObject("- a\n- b\n"));

    JsonNode merge = PatchBodies.strategicAsMergePatch(
        "{\"$patch\":\"merge\",\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"}],"
            + "\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}}");
    assertEquals(List.of("spec"), List.copyOf(merge.propertyNames()));
    assertEquals(List.of("containers"), List.copyOf(merge.path("spec").propertyNames()));
  }
}
