package ai.litellm.operator.testing.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelSpec;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * First real-cluster test: proves the tier's infrastructure (binaries, PKI, readiness, injection) and the API-server
 * behaviours the fabric8 mock cannot give us: schema validation, server-side apply, garbage collection, RBAC.
 */
@RealCluster
class RealControlPlaneSmokeTest {

  private static final Path CRD_DIR = Path.of("helm", "litellm-operator", "crds");
  private static final String NS = "smoke";
  /** Generous: the tier runs on loaded 2-core machines. */
  private static final long WAIT_MINUTES = 2;

  @BeforeAll
  static void installCrds(KubernetesClient client) throws IOException {
    client.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .serverSideApply();
    try (Stream<Path> files = Files.list(CRD_DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(RealControlPlaneSmokeTest::established, WAIT_MINUTES, TimeUnit.MINUTES);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return ai.litellm.operator.kube.CrdManifests.established(crd);
  }

  @Test
  void servesKubernetesV1202(KubernetesClient client, RealControlPlane controlPlane) {
    assertEquals("v1.20.2", client.getKubernetesVersion().getGitVersion());
    assertTrue(controlPlane.apiServerUrl().startsWith("https://127.0.0.1:"), controlPlane.apiServerUrl());
    assertTrue(Files.isRegularFile(controlPlane.kubeconfigPath()));
    assertTrue(Files.isRegularFile(controlPlane.logsDir().resolve("kube-apiserver.log")));
  }

  @Test
  void bothCrdsAreEstablished(KubernetesClient client) {
    for (String name : List.of("models.litellm.litellm.ai", "litellminstances.litellm.litellm.ai")) {
      assertTrue(established(client.apiextensions().v1().customResourceDefinitions().withName(name).get()), name);
    }
  }

  @Test
  void validModelIsStoredAndReadBack(KubernetesClient client) {
    Model model = new Model();
    model.setMetadata(new ObjectMetaBuilder().withName("gpt-4o-mini").withNamespace(NS).build());
    ModelSpec spec = new ModelSpec();
    spec.modelName = "gpt-4o-mini";
    spec.litellmParams = new LiteLLMParams();
    spec.litellmParams.model = "openai/gpt-4o-mini";
    spec.litellmParams.rpm = 60;
    // exactly one connection is required by the schema (issue #14.6)
    spec.connectionRef = new ai.litellm.operator.api.ConnectionRef();
    spec.connectionRef.instanceRef = new ai.litellm.operator.api.InstanceRef(null, "proxy");
    model.setSpec(spec);

    client.resources(Model.class).inNamespace(NS).resource(model).create();

    Model read = client.resources(Model.class).inNamespace(NS).withName("gpt-4o-mini").get();
    assertNotNull(read);
    assertNotNull(read.getMetadata().getUid());
    assertEquals(1L, read.getMetadata().getGeneration());
    assertEquals("gpt-4o-mini", read.getSpec().modelName);
    assertEquals("openai/gpt-4o-mini", read.getSpec().litellmParams.model);
    assertEquals(60, read.getSpec().litellmParams.rpm);
  }

  @Test
  void modelWithoutProviderModelIsRejectedBySchema(KubernetesClient client) {
    GenericKubernetesResource invalid =
        custom("Model", "no-provider-model",
            Map.of("modelName", "broken", "litellmParams", Map.of("rpm", 5)));

    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> generic(client, "Model").inNamespace(NS).resource(invalid).create());

    assertEquals(422, e.getCode());
    assertTrue(e.getMessage().contains("spec.litellmParams.model: Required value"), e.getMessage());
  }

  @Test
  void instanceWithNegativeReplicasIsRejectedBySchema(KubernetesClient client) {
    GenericKubernetesResource invalid =
        custom("LiteLLMInstance", "negative-replicas", Map.of("replicas", -1));

    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> generic(client, "LiteLLMInstance").inNamespace(NS).resource(invalid).create());

    assertEquals(422, e.getCode());
    assertTrue(e.getMessage().contains("spec.replicas"), e.getMessage());
    assertTrue(e.getMessage().contains("should be greater than or equal to 0"), e.getMessage());
  }

  @Test
  void unchangedServerSideApplyKeepsResourceVersion(KubernetesClient client) {
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata().withName("ssa-idempotent").withNamespace(NS).endMetadata()
        .withData(Map.of("key", "value"))
        .build();

    ConfigMap first = client.configMaps().inNamespace(NS).resource(desired).fieldManager("smoke").serverSideApply();
    ConfigMap second = client.configMaps().inNamespace(NS).resource(desired).fieldManager("smoke").serverSideApply();

    assertEquals(first.getMetadata().getResourceVersion(), second.getMetadata().getResourceVersion());
    assertTrue(second.getMetadata().getManagedFields().stream().anyMatch(f -> "smoke".equals(f.getManager())));
    ConfigMap changed = client.configMaps().inNamespace(NS)
        .resource(new ConfigMapBuilder(desired).withData(Map.of("key", "other")).build())
        .fieldManager("smoke").serverSideApply();
    assertTrue(!first.getMetadata().getResourceVersion().equals(changed.getMetadata().getResourceVersion()),
        "a real change must bump the resourceVersion");
  }

  @Test
  void controllerManagerGarbageCollectsDependents(KubernetesClient client) {
    ConfigMap owner = client.configMaps().inNamespace(NS)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("gc-owner").endMetadata().build())
        .create();
    client.configMaps().inNamespace(NS)
        .resource(new ConfigMapBuilder()
            .withNewMetadata().withName("gc-dependent")
            .addNewOwnerReference()
            .withApiVersion("v1").withKind("ConfigMap").withName("gc-owner")
            .withUid(owner.getMetadata().getUid())
            .endOwnerReference()
            .endMetadata()
            .build())
        .create();

    client.configMaps().inNamespace(NS).withName("gc-owner")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    client.configMaps().inNamespace(NS).withName("gc-dependent")
        .waitUntilCondition(Objects::isNull, WAIT_MINUTES, TimeUnit.MINUTES);
  }

  @Test
  void serviceAccountUserIsBoundByRbac(RealControlPlane controlPlane, KubernetesClient admin)
      throws InterruptedException {
    String ns = "rbac-smoke";
    try (KubernetesClient asServiceAccount =
        new KubernetesClientBuilder().withConfig(controlPlane.configForServiceAccount(ns, "reader")).build()) {
      KubernetesClientException denied = assertThrows(KubernetesClientException.class,
          () -> asServiceAccount.configMaps().inNamespace(ns).list());
      assertEquals(403, denied.getCode());

      admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder()
              .withNewMetadata().withName("configmap-reader").endMetadata()
              .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get", "list").endRule()
              .build())
          .create();
      admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
              .withNewMetadata().withName("reader-reads-configmaps").endMetadata()
              .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
              .withName("configmap-reader").endRoleRef()
              .addNewSubject().withKind("ServiceAccount").withName("reader").withNamespace(ns).endSubject()
              .build())
          .create();

      // The RBAC authorizer reads bindings through an informer: allow a moment for the new binding to arrive.
      assertTrue(eventuallyAllowed(() -> asServiceAccount.configMaps().inNamespace(ns).list()),
          "ServiceAccount still forbidden after the RoleBinding");
    }
  }

  private static boolean eventuallyAllowed(Runnable call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
    while (true) {
      try {
        call.run();
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 403 || System.nanoTime() > deadline) {
          return false;
        }
      }
      Thread.sleep(200);
    }
  }

  private static GenericKubernetesResource custom(String kind, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("litellm.litellm.ai/v1alpha1")
        .withKind(kind)
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> generic(KubernetesClient client, String kind) {
    return client.genericKubernetesResources("litellm.litellm.ai/v1alpha1", kind);
  }
}
