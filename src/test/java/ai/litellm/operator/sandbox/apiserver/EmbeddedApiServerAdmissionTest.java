package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server admits Models and LiteLLMInstances the way a real API server does (issue #16.7b): what breaks
 * the CRD schema is refused with 422 naming the field, on create and on update, and nothing is stored; unknown fields
 * are pruned (refused with fieldValidation=Strict, as kubectl asks); the schema's defaults are filled in.
 */
class EmbeddedApiServerAdmissionTest {
  private static final String NS = "admission";
  private static final String MODEL = """
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: Model
      metadata: {name: %s, namespace: admission}
      spec:
        modelName: %s
        connectionRef: {instanceRef: {name: proxy}}
        litellmParams: {model: openai/mock%s}
      """;
  private static EmbeddedApiServer api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
    client = api.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  private static GenericKubernetesResource model(String name, String extraParams) {
    return Serialization.unmarshal(MODEL.formatted(name, name, extraParams), GenericKubernetesResource.class);
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> models() {
    return client.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace(NS);
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> instances() {
    return client.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "LiteLLMInstance").inNamespace(NS);
  }

  private static void assertInvalid(KubernetesClientException e, String kind, String name, String field) {
    assertEquals(422, e.getCode(), e.getMessage());
    assertEquals("Invalid", e.getStatus().getReason(), e.getMessage());
    assertTrue(e.getStatus().getMessage().startsWith(kind + ".litellm.litellm.ai \"" + name + "\" is invalid: "),
        e.getStatus().getMessage());
    List<String> fields = e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList();
    assertTrue(fields.contains(field), fields + " in " + e.getStatus());
  }

  @Test
  void aCreateThatBreaksTheSchemaIsRefusedWith422NamingTheField() {
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> models().resource(model("negative", ", inputCostPerToken: \"-0.5\"")).create());
    assertInvalid(e, "Model", "negative", "spec.litellmParams.inputCostPerToken");
    assertNull(models().withName("negative").get(), "nothing is stored");

    KubernetesClientException missing = assertThrows(KubernetesClientException.class, () -> instances()
        .resource(Serialization.unmarshal("""
            apiVersion: litellm.litellm.ai/v1alpha1
            kind: LiteLLMInstance
            metadata: {name: bad, namespace: admission}
            spec: {replicas: -1}
            """, GenericKubernetesResource.class)).create());
    assertInvalid(missing, "LiteLLMInstance", "bad", "spec.replicas");
  }

  @Test
  void anUpdateThatBreaksTheSchemaIsRefusedAndTheStoredObjectStays() {
    models().resource(model("valid", ", rpm: 10")).create();
    KubernetesClientException patch = assertThrows(KubernetesClientException.class, () -> models().withName("valid")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"litellmParams\":{\"rpm\":\"fast\"}}}"));
    assertInvalid(patch, "Model", "valid", "spec.litellmParams.rpm");

    GenericKubernetesResource stored = models().withName("valid").get();
    stored.setAdditionalProperty("spec", Map.of("modelName", "valid", "litellmParams", Map.of("model", "")));
    KubernetesClientException update = assertThrows(KubernetesClientException.class,
        () -> models().resource(stored).update());
    assertInvalid(update, "Model", "valid", "spec.connectionRef");

    Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) models().withName("valid").get().getAdditionalProperties().get("spec"))
        .get("litellmParams");
    assertEquals(10, ((Number) params.get("rpm")).intValue(), "the stored object is unchanged: " + params);
  }

  @Test
  void unknownFieldsArePrunedOrRefusedWhenStrict() throws Exception {
    GenericKubernetesResource created = models().resource(model("typo", ", modle: gpt-4o")).create();
    Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) created.getAdditionalProperties().get("spec")).get("litellmParams");
    assertFalse(params.containsKey("modle"), "pruned in the answer: " + params);
    Map<?, ?> stored = (Map<?, ?>) ((Map<?, ?>) models().withName("typo").get().getAdditionalProperties().get("spec"))
        .get("litellmParams");
    assertEquals(Map.of("model", "openai/mock"), stored, "pruned in the store");

    // kubectl sends fieldValidation=Strict: an unknown field is then a 400 naming it, as on a real server.
    HttpResponse<String> strict = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url()
            + "/apis/litellm.litellm.ai/v1alpha1/namespaces/admission/models?fieldValidation=Strict"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Serialization.asJson(model("strict", ", modle: gpt-4o"))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, strict.statusCode(), strict.body());
    assertTrue(strict.body().contains("unknown field \\\"spec.litellmParams.modle\\\""), strict.body());
    assertNull(models().withName("strict").get());
  }

  @Test
  void theSchemaDefaultsAreFilledIn() {
    GenericKubernetesResource created = instances().resource(Serialization.unmarshal("""
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: LiteLLMInstance
        metadata: {name: defaulted, namespace: admission}
        spec: {}
        """, GenericKubernetesResource.class)).create();
    Map<?, ?> spec = (Map<?, ?>) instances().withName("defaulted").get().getAdditionalProperties().get("spec");
    assertEquals(1, ((Number) spec.get("replicas")).intValue(), spec.toString());
    assertTrue(String.valueOf(spec.get("image")).startsWith("ghcr.io/berriai/litellm-database:"), spec.toString());
    assertEquals(spec, created.getAdditionalProperties().get("spec"), "the answer is what was stored");
  }
}
