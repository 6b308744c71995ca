package ai.litellm.operator.realcluster;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.DocumentedCrdUpgrade;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade path of docs/operations.md on a real API server, as a user walks it: `helm install` (helm's own Go code,
 * through helm-java, against this cluster) creates the CRDs from the chart's crds/ directory, so helm's field manager
 * owns every field of them. Then the documented CRD command of "Upgrading" step 1 is run with the real kubectl against a
 * newer release of the CRDs (a changed description, a new optional field), then `helm upgrade`, then a third release
 * that drops a field Helm wrote. Plain `kubectl apply --server-side` is refused with a conflict on the fields Helm owns.
 *
 * <p>Helm names its field manager after its executable ({@code filepath.Base(os.Args[0])}): {@code helm} for the CLI,
 * {@code java} here, where helm's code runs inside the test JVM. Either way it is one Update-operation manager other
 * than kubectl's, which is what the conflict is about; the test reads the name from the CRD's managedFields.
 */
@RealCluster(controllerManager = false)
class CrdUpgradeRealClusterTest {
  private static final Path CHART = Path.of("helm", "litellm-operator");
  private static final String RELEASE = "litellm-operator";
  private static final String RELEASE_NS = "litellm-system";
  private static final String NS = "team-a";
  private static final String MODELS = "models.litellm.litellm.ai";

  @Test
  void theDocumentedCrdUpgradeWorksOverCrdsHelmInstalled(RealControlPlane cp, KubernetesClient admin,
      @TempDir Path tmp) throws Exception {
    new Helm(CHART).install().withName(RELEASE).withNamespace(RELEASE_NS).createNamespace()
        .withKubeConfig(cp.kubeconfigPath()).call();
    awaitEstablished(admin, MODELS);
    awaitEstablished(admin, "litellminstances.litellm.litellm.ai");
    List<String> helmManagers = specManagers(crd(admin));
    System.out.println("managers of the CRD's spec after helm install: " + helmManagers);
    assertEquals(1, helmManagers.size(), "helm install is the only writer of the spec so far: " + helmManagers);

    ClusterSetup.namespace(admin, NS);
    admin.resource(Fixtures.instance(NS, "proxy")).create();
    admin.resource(Fixtures.model(NS, "gpt", "proxy")).create();
    Untouched before = Untouched.of(admin);

    // The newer release: a description Helm wrote changes, an optional field appears.
    Path v2 = UpgradedCrds.write(tmp.resolve("v2"), "Public model name clients call (release 2).", true, true);
    String installed = crd(admin).getMetadata().getResourceVersion();
    Kubectl kubectl = Kubectl.of(cp);
    Kubectl.Result plain = kubectl.run("apply", "--server-side", "-f", v2.toString());
    System.out.println("kubectl apply --server-side:\n" + plain.output());
    assertNotEquals(0, plain.code(), "plain server-side apply over Helm's fields: " + plain.output());
    assertTrue(plain.output().contains("conflict"), plain.output());
    assertTrue(plain.output().contains(helmManagers.get(0)), "names Helm's manager: " + plain.output());
    assertEquals(installed, crd(admin).getMetadata().getResourceVersion(), "a refused apply changes nothing");

    List<String> documented = DocumentedCrdUpgrade.against(Kubectl.BINARY, kubectl.connectionArgs(), v2);
    Kubectl.Result upgrade = kubectl.exec(documented, null);
    assertEquals(0, upgrade.code(), "the documented command " + documented + ":\n" + upgrade.output());
    assertEquals("Public model name clients call (release 2).", specProperty(crd(admin), "modelName").getDescription());
    awaitNewFieldServed(admin);
    before.assertUnchanged(admin);
    System.out.println("managers of the CRD's spec after the documented apply: " + specManagers(crd(admin)));

    // Step 2 of the docs: the chart. Helm leaves CRDs alone on upgrade, so release 2 stays served.
    new Helm(CHART).upgrade().withName(RELEASE).withNamespace(RELEASE_NS).withKubeConfig(cp.kubeconfigPath()).call();
    assertTrue(specProperty(crd(admin), "routingHint") != null, "helm upgrade kept the applied CRD");

    // A later release drops a field only Helm ever wrote (the Connection column's description): the same command
    // removes it, so fields removed from the CRDs do not linger under Helm's ownership.
    Path v3 = UpgradedCrds.write(tmp.resolve("v3"), "Public model name clients call (release 3).", true, false);
    Kubectl.Result later = kubectl.exec(DocumentedCrdUpgrade.against(Kubectl.BINARY, kubectl.connectionArgs(), v3), null);
    assertEquals(0, later.code(), later.output());
    CustomResourceDefinition third = crd(admin);
    assertEquals("Public model name clients call (release 3).", specProperty(third, "modelName").getDescription());
    assertNull(UpgradedCrds.connectionColumn(third).getDescription(), "the dropped description is gone");
    before.assertUnchanged(admin);
  }

  /** A Model using the new field keeps it: the API server prunes fields its served schema does not know. */
  private static void awaitNewFieldServed(KubernetesClient admin) {
    GenericKubernetesResource hinted = Serialization.unmarshal("""
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: Model
        metadata: {name: hinted, namespace: %s}
        spec: {modelName: hinted, routingHint: eu-first, connectionRef: {instanceRef: {name: proxy}},
          litellmParams: {model: openai/gpt-4o}}
        """.formatted(NS), GenericKubernetesResource.class);
    eventually("the new schema is served (spec.routingHint not pruned)", ClusterSetup.WAIT, () -> {
      var models = admin.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace(NS);
      models.withName("hinted").delete();
      models.withName("hinted").waitUntilCondition(r -> r == null, 1, TimeUnit.MINUTES);
      GenericKubernetesResource stored = models.resource(hinted).create();
      return "eu-first".equals(((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("routingHint"));
    });
  }

  private static CustomResourceDefinition crd(KubernetesClient admin) {
    return admin.apiextensions().v1().customResourceDefinitions().withName(MODELS).get();
  }

  private static io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps specProperty(
      CustomResourceDefinition crd, String name) {
    return UpgradedCrds.spec(crd).getProperties().get(name);
  }

  private static void awaitEstablished(KubernetesClient admin, String name) {
    admin.apiextensions().v1().customResourceDefinitions().withName(name)
        .waitUntilCondition(ClusterSetup::established, ClusterSetup.WAIT.toMinutes(), TimeUnit.MINUTES);
  }

  /** The field managers owning part of the CRD's spec (the API server itself owns its status). */
  private static List<String> specManagers(CustomResourceDefinition crd) {
    return crd.getMetadata().getManagedFields().stream()
        .filter(f -> f.getFieldsV1() != null && f.getFieldsV1().getAdditionalProperties().containsKey("f:spec"))
        .map(ManagedFieldsEntry::getManager).distinct().collect(Collectors.toList());
  }

  /** Models and instances created before the upgrade: the CRD change must not rewrite them. */
  private record Untouched(String modelVersion, String instanceVersion, Object modelSpec) {
    static Untouched of(KubernetesClient admin) {
      Model m = Fixtures.getModel(admin, NS, "gpt");
      LiteLLMInstance i = Fixtures.getInstance(admin, NS, "proxy");
      return new Untouched(m.getMetadata().getResourceVersion(), i.getMetadata().getResourceVersion(),
          Serialization.asJson(m.getSpec()));
    }

    void assertUnchanged(KubernetesClient admin) {
      Untouched now = of(admin);
      assertEquals(this, now, "the Model and the LiteLLMInstance created before the upgrade are as they were");
      // read untyped: the Model type skips managedFields (api/LeanCustomResource)
      var managed = admin.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace(NS)
          .withName("gpt").get().getMetadata().getManagedFields();
      assertFalse(managed.isEmpty(), "the API server records who wrote the Model");
      assertFalse(managed.stream().anyMatch(f -> f.getManager().startsWith("kubectl")),
          "kubectl never wrote the Model");
    }
  }
}
