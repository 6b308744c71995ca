package ai.litellm.operator.helm;

import static ai.litellm.operator.helm.PodSpecs.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional features: monitoring objects (validated structurally: the test clusters have no Prometheus Operator CRDs),
 * dashboards, the PDB, watched namespaces and the three sharding modes.
 */
class ChartOptionalFeaturesTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void ringShardingRunsEveryReplicaWithoutLeaderElection() {
    RenderedChart chart = HelmChart.render(HelmChart.FEATURES_ON);
    Deployment deployment = chart.one(Deployment.class);
    assertEquals(3, deployment.getSpec().getReplicas());
    Map<String, String> env = env(deployment);
    assertEquals("ring", env.get("LITELLM_OPERATOR_SHARDING"));
    assertEquals("false", env.get("LITELLM_OPERATOR_LEADER_ELECT"), "a single leader would idle two ring members");
    assertEquals("team-a,team-b", env.get("LITELLM_OPERATOR_NAMESPACES"));
    assertFalse(env.containsKey("LITELLM_OPERATOR_SHARD_INDEX"));
  }

  @Test
  void staticShardingRendersOneRecreatedDeploymentPerShard() {
    RenderedChart chart = HelmChart.render("replicaCount: 3\nsharding: {mode: static}\n");
    List<Deployment> deployments = chart.all(Deployment.class).stream()
        .sorted(Comparator.comparing(d -> d.getMetadata().getName())).toList();
    assertEquals(3, deployments.size());
    Set<Map<String, String>> selectors = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      Deployment d = deployments.get(i);
      assertTrue(d.getMetadata().getName().endsWith("-shard-" + i), d.getMetadata().getName());
      assertEquals(1, d.getSpec().getReplicas());
      assertEquals("Recreate", d.getSpec().getStrategy().getType(), "two pods of one static shard must never overlap");
      Map<String, String> env = env(d);
      assertEquals("static", env.get("LITELLM_OPERATOR_SHARDING"));
      assertEquals(String.valueOf(i), env.get("LITELLM_OPERATOR_SHARD_INDEX"));
      assertEquals("3", env.get("LITELLM_OPERATOR_SHARD_COUNT"));
      assertEquals("false", env.get("LITELLM_OPERATOR_LEADER_ELECT"));
      Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
      assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
      selectors.add(selector);
    }
    assertEquals(3, selectors.size(), "each shard's Deployment selects only its own pods");
    Map<String, String> serviceSelector = chart.one(Service.class).getSpec().getSelector();
    deployments.forEach(d -> assertTrue(
        d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(serviceSelector.entrySet()),
        "the management Service reaches every shard"));
  }

  @Test
  void leaderElectionCanBeTurnedOff() {
    Deployment d = HelmChart.render("leaderElection: {enabled: false}\n").one(Deployment.class);
    assertEquals("false", env(d).get("LITELLM_OPERATOR_LEADER_ELECT"));
  }

  @Test
  void serviceMonitorScrapesTheManagementServiceByPortName() {
    RenderedChart chart = HelmChart.render(HelmChart.FEATURES_ON);
    GenericKubernetesResource monitor = (GenericKubernetesResource) chart.oneOfKind("ServiceMonitor");
    Service service = chart.one(Service.class);
    assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
    assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));

    Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
    Map<String, String> matchLabels = stringMap(map(spec.get("selector")).get("matchLabels"));
    assertFalse(matchLabels.isEmpty());
    assertTrue(service.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet()),
        "the ServiceMonitor's selector must match the management Service's labels");
    assertEquals(List.of(HelmChart.NAMESPACE), map(spec.get("namespaceSelector")).get("matchNames"));

    List<?> endpoints = (List<?>) spec.get("endpoints");
    assertEquals(1, endpoints.size());
    Map<String, Object> endpoint = map(endpoints.get(0));
    assertEquals(service.getSpec().getPorts().get(0).getName(), endpoint.get("port"));
    assertEquals("/metrics", endpoint.get("path"));
    assertEquals("30s", endpoint.get("interval"));
    assertEquals(Set.of("port", "path", "interval", "scrapeTimeout"), endpoint.keySet());
  }

  @Test
  void podDisruptionBudgetFollowsTheClusterVersion() {
    HasMetadata onOld = HelmChart.render(HelmChart.FEATURES_ON, "v1.20.2").oneOfKind("PodDisruptionBudget");
    assertEquals("policy/v1beta1", onOld.getApiVersion());
    HasMetadata onNew = HelmChart.render(HelmChart.FEATURES_ON, "v1.29.0").oneOfKind("PodDisruptionBudget");
    assertEquals("policy/v1", onNew.getApiVersion());
  }

  @Test
  void prometheusRuleCarriesTheShippedAlertRules() throws IOException {
    assumeTrue(ChartCopies.fileFeaturesShipped(), "the chart does not ship alert rules and dashboards yet");
    RenderedChart chart = HelmChart.render(HelmChart.FEATURES_ON + HelmChart.FILE_FEATURES_ON);
    GenericKubernetesResource rule = (GenericKubernetesResource) chart.oneOfKind("PrometheusRule");
    assertEquals("monitoring.coreos.com/v1", rule.getApiVersion());

    Map<String, Object> rulesFile = map(SERIALIZATION.unmarshal(Files.readString(ChartCopies.ALERT_RULES_COPY), Map.class));
    Object groups = map(rule.getAdditionalProperties().get("spec")).get("groups");
    // The same rules, with each runbook_url made absolute from prometheusRule.runbookBaseUrl (ChartFirstDayTest).
    for (Object g : (List<?>) rulesFile.get("groups")) {
      for (Object r : (List<?>) map(g).get("rules")) {
        Map<String, Object> annotations = map(map(r).get("annotations"));
        annotations.put("runbook_url", ((String) annotations.get("runbook_url"))
            .replace("docs/runbooks.md", HelmChart.RUNBOOKS));
      }
    }
    assertEquals(rulesFile.get("groups"), groups);
    for (Object g : (List<?>) groups) {
      Map<String, Object> group = map(g);
      assertNotNull(group.get("name"));
      for (Object r : (List<?>) group.get("rules")) {
        Map<String, Object> ruleEntry = map(r);
        assertTrue(ruleEntry.containsKey("alert") || ruleEntry.containsKey("record"), ruleEntry::toString);
        assertTrue(ruleEntry.get("expr") instanceof String s && !s.isBlank(), ruleEntry::toString);
      }
    }
  }

  @Test
  void dashboardsConfigMapCarriesEveryShippedDashboardForTheSidecar() throws IOException {
    assumeTrue(ChartCopies.fileFeaturesShipped(), "the chart does not ship alert rules and dashboards yet");
    RenderedChart chart = HelmChart.render(HelmChart.FEATURES_ON + HelmChart.FILE_FEATURES_ON);
    ConfigMap dashboards = chart.one(ConfigMap.class);
    assertEquals("1", dashboards.getMetadata().getLabels().get("grafana_dashboard"));
    Set<String> expected = new TreeSet<>();
    for (Path file : ChartCopies.dashboardsIn(ChartCopies.DASHBOARD_COPIES)) {
      String name = file.getFileName().toString();
      expected.add(name);
      assertEquals(Files.readString(file), dashboards.getData().get(name), name);
      assertTrue(map(SERIALIZATION.unmarshal(dashboards.getData().get(name), Map.class)).containsKey("panels"), name);
    }
    assertEquals(expected, new TreeSet<>(dashboards.getData().keySet()));
  }

  @Test
  void fileBackedFeaturesFailClearlyWhenTheirFilesAreMissing(@TempDir Path tmp) throws IOException {
    Path chart = tmp.resolve("litellm-operator");
    copyTree(HelmChart.DIR, chart);
    deleteTree(chart.resolve("files/alerts"));
    deleteTree(chart.resolve("files/dashboards"));

    IllegalStateException rule = assertThrows(IllegalStateException.class,
        () -> HelmChart.render(chart, "prometheusRule: {enabled: true}\n", HelmChart.KUBE_VERSION));
    assertTrue(rule.getMessage().contains("prometheusRule.enabled needs files/alerts/litellm-operator-rules.yaml"),
        rule::getMessage);
    IllegalStateException dash = assertThrows(IllegalStateException.class,
        () -> HelmChart.render(chart, "dashboards: {enabled: true}\n", HelmChart.KUBE_VERSION));
    assertTrue(dash.getMessage().contains("dashboards.enabled needs files/dashboards/*.json"), dash::getMessage);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertTrue(o instanceof Map, () -> "not a map: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(Object o) {
    return (Map<String, String>) (Map<?, ?>) map(o);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
