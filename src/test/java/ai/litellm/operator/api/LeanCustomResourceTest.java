package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This API's kinds are read without {@code metadata.managedFields} (half the bytes of a Model as the API server sends
 * it), the rest of the metadata intact; kinds that are not ours keep them (owned Deployments' field ownership is
 * read), and writing one of ours still carries a list that was set.
 */
class LeanCustomResourceTest {
  private static final String MANAGED = "\"managedFields\":[{\"apiVersion\":\"litellm.litellm.ai/v1alpha1\","
      + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{\".\":{},\"f:modelName\":{}}},\"manager\":\"kubectl\","
      + "\"operation\":\"Update\",\"time\":\"2026-12-03T10:58:29Z\"}]";
  private static final String MODEL = "{\"apiVersion\":\"litellm.litellm.ai/v1alpha1\",\"kind\":\"Model\","
      + "\"metadata\":{\"name\":\"m\",\"namespace\":\"ns\",\"resourceVersion\":\"7\",\"generation\":2,"
      + "\"finalizers\":[\"litellm.litellm.ai/finalizer\"],\"labels\":{\"team\":\"a\"}," + MANAGED + "},"
      + "\"spec\":{\"modelName\":\"gpt-4o\"},\"status\":{\"modelId\":\"id-1\",\"observedGeneration\":2}}";

  @Test
  void aModelIsReadWithoutManagedFieldsAndEverythingElse() {
    Model m = Serialization.unmarshal(MODEL, Model.class);
    assertTrue(m.getMetadata().getManagedFields().isEmpty(), "managedFields skipped");
    assertEquals("m", m.getMetadata().getName());
    assertEquals("7", m.getMetadata().getResourceVersion());
    assertEquals(2L, m.getMetadata().getGeneration());
    assertEquals(List.of("litellm.litellm.ai/finalizer"), m.getMetadata().getFinalizers());
    assertEquals("a", m.getMetadata().getLabels().get("team"));
    assertEquals("gpt-4o", m.getSpec().modelName);
    assertEquals("id-1", m.getStatus().modelId);
  }

  @Test
  void aWatchEventOfOurKindsIsReadWithoutManagedFields() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(Model.class);
    WatchEvent event = serialization.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + MODEL + "}", WatchEvent.class);
    Model m = (Model) event.getObject();
    assertTrue(m.getMetadata().getManagedFields().isEmpty());
    assertEquals("m", m.getMetadata().getName());
    String instance = MODEL.replace("\"kind\":\"Model\"", "\"kind\":\"LiteLLMInstance\"")
        .replace(",\"spec\":{\"modelName\":\"gpt-4o\"}", "")
        .replace(",\"status\":{\"modelId\":\"id-1\",\"observedGeneration\":2}", "");
    assertTrue(Serialization.unmarshal(instance, LiteLLMInstance.class).getMetadata().getManagedFields().isEmpty());
    String credential = instance.replace("\"kind\":\"LiteLLMInstance\"", "\"kind\":\"Credential\"");
    assertTrue(Serialization.unmarshal(credential, Credential.class).getMetadata().getManagedFields().isEmpty());
  }

  @Test
  void otherKindsKeepTheirManagedFields() {
    Deployment d = Serialization.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{"
        + "\"name\":\"d\"," + MANAGED + "}}", Deployment.class);
    assertEquals("kubectl", d.getMetadata().getManagedFields().get(0).getManager());
  }

  @Test
  void writingAModelStillCarriesManagedFieldsThatWereSet() {
    Model m = Serialization.unmarshal(MODEL, Model.class);
    m.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    assertTrue(Serialization.asJson(m).contains("\"managedFields\":[{\"manager\":\"kubectl\"}]"),
        Serialization.asJson(m));
  }

  @Test
  void typeNamesAreTheClasssNotCopiesPerObject() {
    Model a = Serialization.unmarshal(MODEL, Model.class);
    Model b = Serialization.unmarshal(MODEL, Model.class);
    assertEquals("litellm.litellm.ai/v1alpha1", a.getApiVersion());
    assertEquals("Model", a.getKind());
    assertSame(a.getApiVersion(), b.getApiVersion(), "computed once per class");
    assertSame(a.getKind(), new Model().getKind());
    assertEquals("models", a.getPlural());
    assertEquals("models.litellm.litellm.ai", a.getFullResourceName());
    assertEquals("LiteLLMInstance", new LiteLLMInstance().getKind());
  }

  @Test
  void aModelIsWrittenAsACustomResource() {
    Model m = Serialization.unmarshal(MODEL.replace("," + MANAGED, ""), Model.class);
    String json = Serialization.asJson(m);
    assertTrue(json.startsWith("{\"apiVersion\":\"litellm.litellm.ai/v1alpha1\",\"kind\":\"Model\",\"metadata\":{"), json);
    assertTrue(json.contains("},\"spec\":{\"modelName\":\"gpt-4o\""), json);
    for (String absent : List.of("plural", "singular", "crdName", "scope", "served", "storage", "markedForDeletion")) {
      assertFalse(json.contains("\"" + absent + "\""), absent + " in " + json);
    }
    assertEquals(json, Serialization.asJson(Serialization.unmarshal(json, Model.class)));
  }
}
