package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * defaulting and validation), kubectl's schema validation finds no unknown field, and the chart's RBAC, applied for
 * real, gives the operator's ServiceAccount what it needs and no more. The Prometheus Operator kinds are not served by
 * this cluster; ChartOptionalFeaturesTest checks them structurally.
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
      KubectlResult result = kubectlServerDryRun(cp, tmp, HelmChart.render(values));
      assertEquals(0, result.exitCode(), () -> "values:\n" + values + "\nkubectl:\n" + result.output());
      assertTrue(result.output().contains("deployment.apps/ops-litellm-operator"), result.output());
    }
  }

  /** Proves the check above can fail: a misspelt field that the API server would silently drop. */
  @Test
  void kubectlRejectsAMisspeltField(RealControlPlane cp, @TempDir Path tmp) throws Exception {
    KubectlResult result = kubectlServerDryRun(cp, tmp,
        HelmChart.render("securityContext: {readOnlyRootFileSystem: true}\n"));
    assertTrue(result.exitCode() != 0, result.output());
    assertTrue(result.output().contains("readOnlyRootFileSystem"), result.output());
  }

  record KubectlResult(int exitCode, String output) {}

  /** kubectl apply --dry-run=server --validate=true of the rendered kinds this cluster serves. */
  private static KubectlResult kubectlServerDryRun(RealControlPlane cp, Path tmp, RenderedChart chart)
      throws IOException, InterruptedException {
    String manifest = java.util.regex.Pattern.compile("(?m)^---\\s*$").splitAsStream(chart.manifest)
        .filter(doc -> !doc.contains("apiVersion: monitoring.coreos.com/"))
        .collect(Collectors.joining("\n---\n"));
    Path file = Files.createTempFile(tmp, "rendered", ".yaml");
    Files.writeString(file, manifest);
    Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", cp.kubeconfigPath().toString(),
        "apply", "--dry-run=server", "--validate=true", "-f", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(kubectl.waitFor(WAIT_MINUTES, TimeUnit.MINUTES), "kubectl did not finish");
    return new KubectlResult(kubectl.exitValue(), output);
  }

  @Test
  void chartRbacLetsTheOperatorWorkAndNothingMore(KubernetesClient admin, RealControlPlane cp)
      throws InterruptedException {
    RenderedChart chart = HelmChart.renderDefaults();
    ServiceAccount sa = chart.one(ServiceAccount.class);
    admin.resource(sa).create();
    admin.resource(chart.one(ClusterRole.class)).create();
    admin.resource(chart.one(ClusterRoleBinding.class)).create();

    try (KubernetesClient operator = new KubernetesClientBuilder()
        .withConfig(cp.configForServiceAccount(HelmChart.NAMESPACE, sa.getMetadata().getName())).build()) {
      // The RBAC authorizer reads bindings through an informer: the first call may still be denied.
      assertEquals(200, eventualStatus(() -> operator.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model")
          .inAnyNamespace().list()));
      assertEquals(200, status(() -> operator.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "LiteLLMInstance")
          .inAnyNamespace().list()));
      assertEquals(200, status(() -> operator.secrets().inNamespace(WATCHED).list()));
      assertEquals(200, status(() -> operator.apps().deployments().inAnyNamespace().list()));
      assertEquals(200, status(() -> operator.namespaces().list()));
      assertEquals(200, status(() -> operator.leases().inNamespace(HelmChart.NAMESPACE).resource(new LeaseBuilder()
          .withNewMetadata().withName("litellm-operator").endMetadata()
          .withNewSpec().withHolderIdentity("ops-0").withLeaseDurationSeconds(15).endSpec().build()).create()));

      assertEquals(403, status(() -> operator.pods().inAnyNamespace().list()), "pods are none of its business");
      assertEquals(403, status(() -> operator.rbac().clusterRoles().list()), "no RBAC escalation");
      assertEquals(403, status(() -> operator.namespaces().withName(WATCHED).delete()), "namespaces are read only");
      assertEquals(403, status(() -> operator.apiextensions().v1().customResourceDefinitions().list()),
          "CRDs are installed by Helm, not by the operator");
    }
  }

  private static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  private static int eventualStatus(Runnable call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
    int code;
    while ((code = status(call)) == 403 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return code;
  }
}
