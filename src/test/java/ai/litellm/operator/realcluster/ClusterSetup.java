package ai.litellm.operator.realcluster;

import ai.litellm.operator.helm.ChartRbac;
import ai.litellm.operator.kube.CrdManifests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Cluster-level set-up shared by the real-cluster suite: the CRDs, namespaces and the operator's RBAC. */
final class ClusterSetup {
  /**
   * Chart values every rendering of the suite starts with: the chart names the operator's ServiceAccount (and its roles)
   * {@code litellm-operator}, in release namespace {@link ChartRbac#NAMESPACE}.
   */
  static final String CHART_NAMES = "fullnameOverride: litellm-operator\n";
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
   * Renders the chart with {@code values} (after {@link #CHART_NAMES}) and applies its ServiceAccount, roles and
   * bindings, creating the namespaces they live in: the operator gets exactly what a Helm install would give it.
   */
  static ChartRbac grantChartRbac(KubernetesClient admin, String values) {
    ChartRbac rbac = ChartRbac.render(CHART_NAMES + values);
    rbac.objects().stream().map(o -> o.getMetadata().getNamespace()).filter(Objects::nonNull).distinct()
        .forEach(ns -> namespace(admin, ns));
    rbac.apply(admin);
    return rbac;
  }
}
