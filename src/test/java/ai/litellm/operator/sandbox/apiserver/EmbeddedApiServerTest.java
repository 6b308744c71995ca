package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** fabric8 clients against the embedded server: CRUD, status, finalizers, server-side apply, discovery. */
class EmbeddedApiServerTest {
  private static EmbeddedApiServer api;
  private static KubernetesClient client;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

  @Test
  void servesOnLoopbackAndInstallsEveryCrd() {
    assertTrue(api.url().startsWith("http://127.0.0.1:"), api.url());
    assertTrue(api.port() > 0);
    List<String> names = client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .map(c -> c.getMetadata().getName()).sorted().toList();
    assertEquals(List.of("credentials.litellm.litellm.ai", "litellminstances.litellm.litellm.ai",
        "models.litellm.litellm.ai"), names);
    // Installing again is idempotent.
    api.installCrds();
    CustomResourceDefinition models =
        client.apiextensions().v1().customResourceDefinitions().withName("models.litellm.litellm.ai").get();
    assertEquals("Model", models.getSpec().getNames().getKind());
    assertEquals(3, client.apiextensions().v1().customResourceDefinitions().list().getItems().size());
  }

  @Test
  void createGetListAndGenerationOfModels() {
    String ns = "crud";
    Model created = client.resource(TestModels.model(ns, "gpt-4o", "openai/gpt-4o")).create();
    assertNotNull(created.getMetadata().getUid());
    assertNotNull(created.getMetadata().getResourceVersion());
    assertEquals(1L, created.getMetadata().getGeneration());

    Model fetched = client.resources(Model.class).inNamespace(ns).withName("gpt-4o").get();
    assertEquals("openai/gpt-4o", fetched.getSpec().litellmParams.model);
    client.resource(TestModels.model(ns, "claude", "anthropic/claude")).create();
    assertEquals(2, client.resources(Model.class).inNamespace(ns).list().getItems().size());
    assertTrue(client.resources(Model.class).inAnyNamespace().list().getItems().size() >= 2);

    KubernetesClientException duplicate = assertThrows(KubernetesClientException.class,
        () -> client.resource(TestModels.model(ns, "gpt-4o", "openai/gpt-4o")).create());
    assertEquals(409, duplicate.getCode());

    fetched.getSpec().litellmParams.model = "openai/gpt-4o-mini";
    Model updated = client.resource(fetched).update();
    assertEquals(2L, updated.getMetadata().getGeneration());
    assertEquals("openai/gpt-4o-mini",
        client.resources(Model.class).inNamespace(ns).withName("gpt-4o").get().getSpec().litellmParams.model);
  }

  @Test
  void statusSubresourceUpdatesOnlyStatus() {
    String ns = "status";
    Model m = client.resource(TestModels.model(ns, "m1", "openai/gpt-4o")).create();
    m.setStatus(readyStatus("id-1", m.getMetadata().getGeneration()));
    m.getSpec().modelName = "must-not-change";
    Model afterStatus = client.resource(m).updateStatus();
    assertEquals("id-1", afterStatus.getStatus().modelId);

    Model stored = client.resources(Model.class).inNamespace(ns).withName("m1").get();
    assertEquals("id-1", stored.getStatus().modelId);
    assertEquals("m1", stored.getSpec().modelName, "a status update must not touch spec");
    assertEquals(1L, stored.getMetadata().getGeneration(), "a status update must not bump generation");

    Model patch = client.resources(Model.class).inNamespace(ns).withName("m1").get();
    patch.getStatus().modelId = "id-2";
    client.resource(patch).patchStatus();
    assertEquals("id-2", client.resources(Model.class).inNamespace(ns).withName("m1").get().getStatus().modelId);
  }

  @Test
  void finalizerHoldsDeletionUntilRemoved() {
    String ns = "finalizers";
    Model m = TestModels.model(ns, "held", "openai/gpt-4o");
    m.getMetadata().setFinalizers(List.of("litellm.litellm.ai/finalizer"));
    client.resource(m).create();

    client.resources(Model.class).inNamespace(ns).withName("held").delete();
    Model marked = client.resources(Model.class).inNamespace(ns).withName("held").get();
    assertNotNull(marked, "an object with finalizers stays until they are removed");
    assertNotNull(marked.getMetadata().getDeletionTimestamp());

    marked.getMetadata().setFinalizers(new ArrayList<>());
    client.resource(marked).update();
    assertNull(client.resources(Model.class).inNamespace(ns).withName("held").get());
  }

  @Test
  void serverSideApplyCreatesThenMerges() {
    String ns = "ssa";
    Model first = TestModels.model(ns, "applied", "openai/gpt-4o");
    first.getMetadata().setLabels(Map.of("team", "a"));
    Model created = client.resource(first).fieldManager("test").forceConflicts().serverSideApply();
    assertEquals("openai/gpt-4o", created.getSpec().litellmParams.model);
    assertEquals(1L, created.getMetadata().getGeneration());
    String uid = created.getMetadata().getUid();

    Model second = TestModels.model(ns, "applied", "openai/gpt-4.1");
    second.getMetadata().setAnnotations(Map.of("note", "x"));
    Model merged = client.resource(second).fieldManager("test").forceConflicts().serverSideApply();
    assertEquals(uid, merged.getMetadata().getUid(), "an apply of an existing object updates it in place");
    assertEquals("openai/gpt-4.1", merged.getSpec().litellmParams.model);
    assertEquals(2L, merged.getMetadata().getGeneration());
    assertEquals("a", merged.getMetadata().getLabels().get("team"), "approximation: unsent fields are kept");
    assertEquals("x", merged.getMetadata().getAnnotations().get("note"));
  }

  @Test
  void serverSideApplyOfStatusTouchesOnlyStatus() {
    String ns = "ssa-status";
    Model created = client.resource(TestModels.model(ns, "s", "openai/gpt-4o")).create();
    Model statusOnly = TestModels.model(ns, "s", "ignored/spec");
    statusOnly.setStatus(readyStatus("applied-id", created.getMetadata().getGeneration()));
    client.resource(statusOnly).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("operator").withForce(true).build(), statusOnly);

    Model stored = client.resources(Model.class).inNamespace(ns).withName("s").get();
    assertEquals("applied-id", stored.getStatus().modelId);
    assertEquals("openai/gpt-4o", stored.getSpec().litellmParams.model);
  }

  @Test
  void strategicMergePatchIsAppliedAsMergePatch() {
    String ns = "smp";
    client.resource(new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName("cfg").endMetadata()
        .addToData("a", "1").build()).create();
    client.configMaps().inNamespace(ns).withName("cfg")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"b\":\"2\"},\"$retainKeys\":[\"data\"]}");
    Map<String, String> data = client.configMaps().inNamespace(ns).withName("cfg").get().getData();
    assertEquals(Map.of("a", "1", "b", "2"), data);
  }

  @Test
  void discoveryServesGroupsAndCustomResources() throws Exception {
    JsonNode version = getJson("/version");
    assertEquals("1", version.path("major").asString());
    assertEquals("30", version.path("minor").asString());

    JsonNode groups = getJson("/apis");
    List<String> names = new ArrayList<>();
    groups.path("groups").forEach(g -> names.add(g.path("name").asString()));
    assertTrue(names.containsAll(List.of("apps", "networking.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io",
        "rbac.authorization.k8s.io", "events.k8s.io", "gateway.networking.k8s.io", "litellm.litellm.ai")), names.toString());

    JsonNode litellm = getJson("/apis/litellm.litellm.ai/v1alpha1");
    assertEquals("APIResourceList", litellm.path("kind").asString());
    JsonNode models = find(litellm, "models");
    assertEquals("Model", models.path("kind").asString());
    assertTrue(models.path("namespaced").asBoolean());
    assertEquals("llmm", models.path("shortNames").get(0).asString());
    assertEquals("litellm", models.path("categories").get(0).asString());
    assertEquals("llmi", find(litellm, "litellminstances").path("shortNames").get(0).asString());
    assertNotNull(find(litellm, "models/status"));

    JsonNode core = getJson("/api/v1");
    assertFalse(find(core, "namespaces").path("namespaced").asBoolean());
    assertTrue(find(core, "secrets").path("namespaced").asBoolean());
    assertEquals("v1", getJson("/api").path("versions").get(0).asString());
    assertEquals(404, get("/apis/no.such.group/v1").statusCode());
  }

  @Test
  void tableRequestsGetPrinterColumns() throws Exception {
    String ns = "table";
    Model m = client.resource(TestModels.model(ns, "tabled", "openai/gpt-4o")).create();
    m.setStatus(readyStatus("table-id", 1L));
    client.resource(m).updateStatus();

    HttpRequest request = HttpRequest.newBuilder(URI.create(api.url()
            + "/apis/litellm.litellm.ai/v1alpha1/namespaces/" + ns + "/models"))
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").GET().build();
    JsonNode table = JsonResponses.MAPPER.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    assertEquals("Table", table.path("kind").asString());
    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString()));
    assertEquals(List.of("Name", "Ready", "Model", "Provider Model", "Connection", "Reason", "Model ID", "Age"),
        columns);
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertEquals("tabled", cells.get(0).asString());
    assertEquals("True", cells.get(1).asString());
    assertEquals("openai/gpt-4o", cells.get(3).asString());
    assertEquals("{\"instanceRef\":{\"name\":\"proxy\"}}", cells.get(4).asString()); // as a real server prints it
    assertEquals("table-id", cells.get(6).asString());
    assertEquals(ns, table.path("rows").get(0).path("object").path("metadata").path("namespace").asString());
  }

  @Test
  void preloadStoresObjectsReadableThroughTheApi() {
    String ns = "preload";
    int before = api.objectCount();
    List<Model> models = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      models.add(TestModels.model(ns, "pre-" + i, "openai/gpt-4o"));
    }
    assertEquals(2000, api.preload(models));
    assertEquals(before + 2000, api.objectCount());
    Model one = client.resources(Model.class).inNamespace(ns).withName("pre-42").get();
    assertNotNull(one.getMetadata().getUid());
    assertEquals(1L, one.getMetadata().getGeneration());
    assertEquals(2000, client.resources(Model.class).inNamespace(ns).list().getItems().size());
    // A preloaded object behaves like any other: it can be updated.
    one.getSpec().modelName = "renamed";
    assertEquals(2L, client.resource(one).update().getMetadata().getGeneration());

    assertThrows(IllegalArgumentException.class,
        () -> api.preload(List.of(TestModels.model(ns, "dup", "x"), TestModels.model(ns, "dup", "x"))));
  }

  private static ModelStatus readyStatus(String modelId, Long generation) {
    ModelStatus s = new ModelStatus();
    s.modelId = modelId;
    s.observedGeneration = generation;
    Condition ready = new ConditionBuilder().withType("Ready").withStatus("True").withReason("Registered")
        .withMessage("ok").withLastTransitionTime("2025-01-01T00:00:00Z").build();
    s.conditions = new ArrayList<>(List.of(ready));
    return s;
  }

  private static JsonNode find(JsonNode resourceList, String name) {
    for (JsonNode r : resourceList.path("resources")) {
      if (r.path("name").asString().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no resource " + name + " in " + resourceList);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JsonResponses.MAPPER.readTree(response.body());
  }
}
