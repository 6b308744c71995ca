package ai.litellm.operator.realcluster;

import ai.litellm.operator.kube.CrdManifests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Cluster-level set-up shared by the real-cluster suite: the CRDs, namespaces and the operator's RBAC. */
final class ClusterSetup {
  /** The chart's ClusterRole rules: the same file the Helm template includes, so the test grants exactly that. */
  static final Path CLUSTER_ROLE_RULES = Path.of("helm", "litellm-operator", "files", "clusterrole-rules.yaml");
  static final String ROLE_NAME = "litellm-operator";
  /** Waits on a real, loaded 2-core machine: minutes, never seconds. */
  static final Duration WAIT = Duration.ofMinutes(3);

  private ClusterSetup() {}

  /** Installs both CRDs as the operator ships them (from the jar's /crds/) and waits until each is Established. */
  static void installCrds(KubernetesClient admin) {
    for (CustomResourceDefinition crd : CrdManifests.definitions()) {
      admin.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
      admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(ClusterSetup::established, WAIT.toMinutes(), TimeUnit.MINUTES);
    }
  }

  static boolean established(CustomResourceDefinition crd) {
    return ai.litellm.operator.kube.CrdManifests.established(crd);
  }

  static void namespace(KubernetesClient admin, String name) {
    if (admin.namespaces().withName(name).get() == null) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }
  }

  /**
   * Creates the chart's ClusterRole from {@link #CLUSTER_ROLE_RULES} and binds it, and nothing else, to the
   * ServiceAccount {@code ns/name}.
   */
  static ClusterRole grantOperatorRole(KubernetesClient admin, String ns, String serviceAccount) throws IOException {
    String rules = Files.readAllLines(CLUSTER_ROLE_RULES, StandardCharsets.UTF_8).stream()
        .map(line -> "  " + line).collect(Collectors.joining("\n"));
    String manifest = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + ROLE_NAME
        + "\nrules:\n" + rules + "\n";
    ClusterRole role = admin.rbac().clusterRoles()
        .load(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))).item();
    if (role.getRules() == null || role.getRules().isEmpty()) {
      throw new IllegalStateException(CLUSTER_ROLE_RULES + " holds no rules");
    }
    ClusterRole created = admin.rbac().clusterRoles().resource(role).serverSideApply();
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
            .withNewMetadata().withName(ROLE_NAME).endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(ROLE_NAME)
            .endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(ns).endSubject()
            .build())
        .serverSideApply();
    return created;
  }
}
