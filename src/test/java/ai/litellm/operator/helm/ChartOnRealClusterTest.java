package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered chart against a real API server (v1.20.2): every built-in object passes server-side dry-run (admission,
 * defaulting and validation) and kubectl's schema validation finds no unknown field. The Prometheus Operator kinds are
 * not served by this cluster; ChartOptionalFeaturesTest checks them structurally. ChartRbacRealClusterTest checks what
 * the chart's RBAC grants.
 */
@RealCluster
class ChartOnRealClusterTest {
  private static final long WAIT_MINUTES = 2;
  private static final String WATCHED = "team-a";

  @BeforeAll
  static void prepare(KubernetesClient client) throws IOException {
    for (String ns : List.of(HelmChart.NAMESPACE, WATCHED, "team-b")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    try (Stream<Path> files = Files.list(HelmChart.DIR.resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(ai.litellm.operator.kube.CrdManifests::established, WAIT_MINUTES, TimeUnit.MINUTES);
      }
    }
  }

  private static List<String> valueSets() {
    List<String> sets = new ArrayList<>(List.of("{}", HelmChart.FEATURES_ON, "replicaCount: 3\nsharding: {mode: static}\n"));
    if (ChartCopies.fileFeaturesShipped()) {
      sets.add(HelmChart.FEATURES_ON + HelmChart.FILE_FEATURES_ON);
    }
    return sets;
  }

  private static boolean servedHere(HasMetadata o) {
    return !o.getApiVersion().startsWith("monitoring.coreos.com/");
  }

  @Test
  void everyBuiltInObjectPassesServerSideDryRun(KubernetesClient client) {
    for (String values : valueSets()) {
      for (HasMetadata o : HelmChart.render(values).objects.stream().filter(ChartOnRealClusterTest::servedHere).toList()) {
        HasMetadata stored;
        try {
          stored = client.resource(o).dryRun().create();
        } catch (KubernetesClientException e) {
          throw new AssertionError(o.getKind() + " " + o.getMetadata().getName() + " rejected with values:\n" + values
              + "\n" + e.getMessage(), e);
        }
        assertNotNull(stored, o.getKind());
        assertEquals(o.getMetadata().getName(), stored.getMetadata().getName());
        if (stored instanceof Deployment d) {
          var pod = d.getSpec().getTemplate().getSpec();
          assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(),
              "the server keeps the seccomp profile");
          assertEquals(Boolean.TRUE, pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
        }
      }
      // Dry run persists nothing.
      assertTrue(client.apps().deployments().inNamespace(HelmChart.NAMESPACE).list().getItems().isEmpty());
    }
  }

  @Test
  void kubectlFindsNoUnknownOrInvalidField(RealControlPlane cp, @TempDir Path tmp) throws Exception {
    for (String values : valueSets()) {
      Kubectl.Result result = kubectlServerDryRun(cp, tmp, HelmChart.render(values));
      assertEquals(0, result.code(), () -> "values:\n" + values + "\nkubectl:\n" + result.output());
      assertTrue(result.output().contains("deployment.apps/ops-litellm-operator"), result.output());
    }
  }

  /** Proves the check above can fail: a misspelt field that the API server would silently drop. */
  @Test
  void kubectlRejectsAMisspeltField(RealControlPlane cp, @TempDir Path tmp) throws Exception {
    Kubectl.Result result = kubectlServerDryRun(cp, tmp,
        HelmChart.render("securityContext: {readOnlyRootFileSystem: true}\n"));
    assertTrue(result.code() != 0, result.output());
    assertTrue(result.output().contains("readOnlyRootFileSystem"), result.output());
  }

  /** kubectl apply --dry-run=server --validate=true of the rendered kinds this cluster serves. */
  private static Kubectl.Result kubectlServerDryRun(RealControlPlane cp, Path tmp, RenderedChart chart)
      throws IOException {
    String manifest = java.util.regex.Pattern.compile("(?m)^---\\s*$").splitAsStream(chart.manifest)
        .filter(doc -> !doc.contains("apiVersion: monitoring.coreos.com/"))
        .collect(Collectors.joining("\n---\n"));
    Path file = Files.createTempFile(tmp, "rendered", ".yaml");
    Files.writeString(file, manifest);
    return Kubectl.of(cp).run("apply", "--dry-run=server", "--validate=true", "-f", file.toString());
  }
}
