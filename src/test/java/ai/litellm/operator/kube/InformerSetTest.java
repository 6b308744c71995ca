package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * InformerSet against the fabric8 CRUD mock. Informers list in pages: an unpaged relist of a large fleet on a busy API server can outlast the request timeout
 * forever (see InformerSet). The mock records the requests; the real API server then honours limit/continue.
 */
class InformerSetTest {

  // fabric8's CRUD mock records every request (the paging test reads them); the managedFields test runs on the
  // sandbox's embedded API server, so no mock serves two informer tests (the CRUD mock hung a later request once a
  // watch of a stopped informer was closed).
  static KubernetesMockServer server;
  static KubernetesClient client;
  static EmbeddedApiServer embedded;
  static KubernetesClient embeddedClient;

  @BeforeAll
  static void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    CrdManifests.definitions().forEach(crd -> client.resource(crd).create());
    embedded = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true)
        .withShutdownTimeout(Duration.ofSeconds(5)));
    embeddedClient = embedded.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    embeddedClient.close();
    embedded.close();
    try {
      server.destroy();
    } catch (IllegalStateException slowClose) {
      // the mock sometimes waits out its close timeout for a watch connection the stopped informer left behind
    }
  }

  @Test
  void aKindTheOperatorsMappingDoesNotKnowIsRefused() {
    // its watch events would each be decoded twice: a generic map, then the class (SharingSerialization)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InformerSet<>(client,
        io.fabric8.kubernetes.api.model.batch.v1.Job.class, Duration.ofMinutes(10), new IgnoredEvents<>()));
    assertTrue(e.getMessage().contains("SharingSerialization.KINDS"), e.getMessage());
  }

  @Test
  void informersListInPagesOf500() throws Exception {
    for (int i = 0; i < 3; i++) {
      Model m = new Model();
      m.setMetadata(new ObjectMetaBuilder().withNamespace("paged").withName("m" + i).build());
      m.getSpec().modelName = "m" + i;
      client.resource(m).create();
    }
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // only this test's requests below
    }
    InformerSet<Model> models = new InformerSet<>(client, Model.class, Duration.ofMinutes(10), new IgnoredEvents<>());
    models.start("paged");
    assertEquals(3, models.list().size());
    models.stopAll();

    List<String> paths = new ArrayList<>();
    for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
      paths.add(r.getMethod() + " " + r.getPath());
    }
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("GET /apis/litellm.litellm.ai/v1alpha1/namespaces/paged/models?")
        && p.contains("limit=500") && !p.contains("watch=true")), "a paged list among " + paths);
  }

  /**
   * One test for both, all writes first: the embedded API server (fabric8's mock underneath) stalls every request
   * while it closes a watch, so a create after another test stopped its informers could time out.
   */
  @Test
  void cachesHoldNoManagedFieldsForOurKindsAndForLeanSets() throws Exception {
    Secret secret = new SecretBuilder().withNewMetadata().withNamespace("team").withName("s").addNewManagedField()
        .withManager("kubectl").withOperation("Update").withFieldsType("FieldsV1").endManagedField().endMetadata()
        .addToStringData("url", "http://proxy").build();
    embeddedClient.resource(secret).create();
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("m").addNewManagedField()
        .withManager("kubectl").withOperation("Update").withFieldsType("FieldsV1").endManagedField().build());
    m.getSpec().modelName = "m";
    m.getSpec().connectionRef = new ai.litellm.operator.api.ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new ai.litellm.operator.api.InstanceRef(null, "proxy");
    m.getSpec().litellmParams = new ai.litellm.operator.api.LiteLLMParams();
    m.getSpec().litellmParams.model = "openai/mock"; // a Model the CRD schema admits
    embeddedClient.resource(m).create();
    assertEquals(1, embeddedClient.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model")
        .inNamespace("team").withName("m").get().getMetadata().getManagedFields().size(), "the API server keeps them");

    InformerSet<Secret> lean = new InformerSet<>(embeddedClient, Secret.class, Duration.ofMinutes(10), new IgnoredEvents<>())
        .withoutManagedFields();
    InformerSet<Secret> full = new InformerSet<>(embeddedClient, Secret.class, Duration.ofMinutes(10), new IgnoredEvents<>());
    InformerSet<Model> models = new InformerSet<>(embeddedClient, Model.class, Duration.ofMinutes(10), new IgnoredEvents<>());
    try {
      lean.start("team");
      full.start("team");
      models.start("team");
      assertEquals(null, lean.get("team", "s").getMetadata().getManagedFields());
      assertEquals(1, full.get("team", "s").getMetadata().getManagedFields().size(), "the API server keeps them");
      assertTrue(models.get("team", "m").getMetadata().getManagedFields().isEmpty(),
          "skipped by api/LeanCustomResource, without withoutManagedFields()");
    } finally {
      lean.stopAll();
      full.stopAll();
      models.stopAll();
    }
  }
}
