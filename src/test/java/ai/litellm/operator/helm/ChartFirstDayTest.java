package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets when installing the chart (issue #16): PDB, image digest, runbook URLs, NOTES. */
class ChartFirstDayTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @Test
  void aDisruptionBudgetThatWouldBlockEveryDrainIsRefused() {
    IllegalStateException single = assertThrows(IllegalStateException.class,
        () -> HelmChart.render("podDisruptionBudget: {enabled: true}\n"));
    assertTrue(single.getMessage().contains("podDisruptionBudget.minAvailable 1 with replicaCount 1 would block every "
        + "node drain"), single::getMessage);
    assertThrows(IllegalStateException.class,
        () -> HelmChart.render("replicaCount: 2\npodDisruptionBudget: {enabled: true, minAvailable: 2}\n"));
    HasMetadata pdb = HelmChart.render("replicaCount: 2\npodDisruptionBudget: {enabled: true}\n")
        .oneOfKind("PodDisruptionBudget");
    Map<?, ?> spec = (Map<?, ?>) new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
        .convertValue(pdb, Map.class).get("spec");
    assertEquals(1, spec.get("minAvailable"));
    // A percentage is the user's call.
    HelmChart.render("podDisruptionBudget: {enabled: true, minAvailable: \"50%\"}\n").oneOfKind("PodDisruptionBudget");
  }

  @Test
  void imageDigestPinsTheImage() {
    assertEquals("litellm-operator:0.1.0", image("{}"));
    assertEquals("registry.example.com/litellm-operator:1.2.3",
        image("image: {repository: registry.example.com/litellm-operator, tag: 1.2.3}\n"));
    assertEquals("registry.example.com/litellm-operator@" + DIGEST,
        image("image: {repository: registry.example.com/litellm-operator, tag: 1.2.3, digest: \"" + DIGEST + "\"}\n"));
    assertThrows(IllegalStateException.class, () -> image("image: {digest: \"latest\"}\n"), "schema: sha256 only");
  }

  @Test
  void alertRunbookUrlsAreAbsoluteFromTheChartValue() {
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> HelmChart.render("prometheusRule: {enabled: true}\n"));
    assertTrue(missing.getMessage().contains("prometheusRule.enabled needs prometheusRule.runbookBaseUrl"),
        missing::getMessage);
    assertThrows(IllegalStateException.class,
        () -> HelmChart.render("prometheusRule: {enabled: true, runbookBaseUrl: docs/runbooks.md}\n"),
        "a relative URL is refused by the schema");
    GenericKubernetesResource rule = (GenericKubernetesResource) HelmChart.render(
        "prometheusRule: {enabled: true, runbookBaseUrl: \"" + HelmChart.RUNBOOKS + "\"}\n").oneOfKind("PrometheusRule");
    int alerts = 0;
    for (Object g : (List<?>) ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups")) {
      for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
        Map<?, ?> alert = (Map<?, ?>) r;
        String url = (String) ((Map<?, ?>) alert.get("annotations")).get("runbook_url");
        assertEquals(HelmChart.RUNBOOKS + "#" + ((String) alert.get("alert")).toLowerCase(), url);
        alerts++;
      }
    }
    assertTrue(alerts >= 8, "alerts: " + alerts);
  }

  /** NOTES.txt is what `helm install` prints: chart users have no docs/ directory to follow. */
  @Test
  void installNotesPointAtNothingChartUsersDoNotHave(@TempDir Path tmp) throws IOException {
    for (String values : List.of("{}", "rbac: {create: false}\nreplicaCount: 2\n")) {
      Path file = Files.writeString(tmp.resolve("values.yaml"), values);
      String notes = new Helm(HelmChart.DIR).install().withName(HelmChart.RELEASE).withNamespace(HelmChart.NAMESPACE)
          .withKubeVersion(HelmChart.KUBE_VERSION).withValuesFile(file).clientOnly().dryRun().call().getOutput();
      assertTrue(notes.contains("kubectl explain litellminstance.spec"), notes);
      assertFalse(notes.contains("docs/"), notes);
      assertTrue(notes.contains("kubectl apply --server-side --force-conflicts -f"), notes);
    }
  }

  private static String image(String values) {
    return HelmChart.render(values).one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getImage();
  }
}
