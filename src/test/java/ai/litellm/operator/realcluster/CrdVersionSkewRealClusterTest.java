package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrade and rollback on a real API server: the Model CRD of a newer version (an extra spec field and an extra status
 * field, applied before the operator as `helm upgrade` does) is served while this operator runs. A Model using the new
 * spec field is synced, the status field a newer operator wrote survives this operator's status writes, and Models
 * created after it are still reconciled (one unreadable Model used to stop the whole Model informer).
 */
@RealCluster(controllerManager = false)
class CrdVersionSkewRealClusterTest {
  private static final String NS = "skew";
  private static final String API = "litellm.litellm.ai/v1alpha1";

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void prepare(RealControlPlane cp, KubernetesClient client) throws IOException {
    admin = client;
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    addNewerFields();
  }

  @AfterAll
  static void close() {
    if (operator != null) {
      operator.close();
    }
  }

  /** What a newer CRD version would add: spec.routingHint and status.routingScore. */
  private static void addNewerFields() {
    var crds = admin.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd = crds.withName("models.litellm.litellm.ai").get();
    JSONSchemaProps schema = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    schema.getProperties().get("spec").getProperties()
        .put("routingHint", new JSONSchemaPropsBuilder().withType("string").build());
    schema.getProperties().get("status").getProperties()
        .put("routingScore", new JSONSchemaPropsBuilder().withType("integer").build());
    crd.getMetadata().setManagedFields(null);
    crds.resource(crd).update();
    eventually("the newer schema is served", ClusterSetup.WAIT, () -> {
      CustomResourceDefinition now = crds.withName("models.litellm.litellm.ai").get();
      return ClusterSetup.established(now) && now.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
          .getProperties().get("spec").getProperties().containsKey("routingHint");
    });
  }

  private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> generic() {
    return admin.genericKubernetesResources(API, "Model");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(GenericKubernetesResource r, String name) {
    return (Map<String, Object>) r.getAdditionalProperties().get(name);
  }

  @Test
  void newerFieldsAreToleratedAndKeptAndTheWatchGoesOn() {
    operator.start(RealOperator.testConfig());
    ClusterSetup.namespace(admin, NS);
    admin.resource(Fixtures.instance(NS, "proxy")).create();

    GenericKubernetesResource newer = new GenericKubernetesResource();
    newer.setApiVersion(API);
    newer.setKind("Model");
    newer.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(NS).withName("newer")
        .build());
    newer.setAdditionalProperties(new LinkedHashMap<>(Map.of("spec", Map.of("modelName", "newer",
        "routingHint", "eu-first",
        "connectionRef", Map.of("instanceRef", Map.of("name", "proxy")),
        "litellmParams", Map.of("model", "openai/gpt-4o")))));
    generic().inNamespace(NS).resource(newer).create();
    awaitModelReady(admin, NS, "newer");

    // A newer operator (before a rollback to this one) wrote a status field this operator does not know.
    GenericKubernetesResource withStatus = generic().inNamespace(NS).withName("newer").get();
    Map<String, Object> status = new LinkedHashMap<>(section(withStatus, "status"));
    status.put("routingScore", 42);
    withStatus.getAdditionalProperties().put("status", status);
    generic().inNamespace(NS).resource(withStatus).updateStatus();

    // A spec change makes this operator write the status again.
    Model m = Fixtures.getModel(admin, NS, "newer");
    m.getSpec().litellmParams.rpm = 30;
    admin.resource(m).update();
    eventually("the new generation is Ready", ClusterSetup.WAIT, () -> {
      Model now = Fixtures.getModel(admin, NS, "newer");
      return Fixtures.isReady(now) && now.getStatus().observedGeneration.equals(now.getMetadata().getGeneration());
    });

    GenericKubernetesResource stored = generic().inNamespace(NS).withName("newer").get();
    assertEquals("eu-first", section(stored, "spec").get("routingHint"), "the newer spec field is kept");
    assertEquals(42, ((Number) section(stored, "status").get("routingScore")).intValue(),
        "this operator's status write kept the newer status field");

    admin.resource(Fixtures.model(NS, "after", "proxy")).create();
    awaitModelReady(admin, NS, "after");
    assertTrue(operator.process().readinessChecks().get().get("informersWatching"));
    assertEquals(0, operator.forbiddenRequests(), "RBAC refused the operator: " + operator.rbacDenials());
  }
}
