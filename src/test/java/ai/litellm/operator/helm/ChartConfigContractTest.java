package ai.litellm.operator.helm;

import static ai.litellm.operator.helm.PodSpecs.env;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart and the operator's settings table (config/Settings) agree: every LITELLM_OPERATOR_* variable the chart
 * sets is one the operator reads, holds a value `run` accepts, defaults to the table's default, and every variable the
 * operator reads can be set through a chart value.
 */
class ChartConfigContractTest {
  /**
   * The operator's own namespace and identity: the chart gives them POD_NAMESPACE and POD_NAME from the downward API,
   * the variables' documented fallbacks.
   */
  private static final Set<String> SET_OTHERWISE = Set.of("LITELLM_OPERATOR_NAMESPACE", "LITELLM_OPERATOR_IDENTITY");

  private static Map<String, String> operatorEnv(String values) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Deployment d : HelmChart.render(values).all(Deployment.class)) {
      env(d).forEach((k, v) -> {
        if (k.startsWith("LITELLM_OPERATOR_")) {
          env.put(k, v);
        }
      });
    }
    return env;
  }

  /** Every value the chart can set: defaults, features, static sharding and every optional string. */
  private static final String ALL_SETTINGS = HelmChart.FEATURES_ON.replace("mode: ring", "mode: static") + """
      config:
        installId: cluster-a/litellm-operator
        ingressClass: nginx
        gatewayParentName: shared
        gatewayParentNamespace: gateways
        gatewayParentSection: https
      """;

  @Test
  void everyVariableTheChartSetsIsReadByTheOperatorAndParses() {
    Map<String, CliOptions.Option> cli = CliOptions.byEnvVar();
    Map<String, String> env = operatorEnv(ALL_SETTINGS);
    for (var e : env.entrySet()) {
      CliOptions.Option option = cli.get(e.getKey());
      assertTrue(option != null, () -> "the chart sets " + e.getKey() + " but `litellm-operator run` does not read it");
      assertDoesNotThrow(() -> CliOptions.parse(option.flag() + "=" + e.getValue()),
          () -> e.getKey() + "=" + e.getValue() + " is not accepted by " + option.flag());
    }
  }

  @Test
  void everyVariableTheOperatorReadsCanBeSetFromTheChart() {
    Set<String> missing = new TreeSet<>(CliOptions.byEnvVar().keySet());
    missing.removeIf(v -> !v.startsWith("LITELLM_OPERATOR_"));
    missing.removeAll(SET_OTHERWISE);
    missing.removeAll(operatorEnv(ALL_SETTINGS).keySet());
    assertEquals(Set.of(), missing, "add these to the chart's values (config: or a dedicated value) and docs");
  }

  @Test
  void chartDefaultsAreTheOperatorsDefaults() {
    Map<String, CliOptions.Option> cli = CliOptions.byEnvVar();
    Map<String, String> env = operatorEnv("{}");
    // Deliberate differences: the chart turns leader election on (HA-ready by default).
    assertEquals("true", env.remove("LITELLM_OPERATOR_LEADER_ELECT"));
    for (var e : env.entrySet()) {
      assertEquals(cli.get(e.getKey()).fallback(), e.getValue(), e.getKey());
    }
    assertTrue(env.size() >= 18, () -> "expected the chart to spell out the operator's settings: " + env.keySet());
  }

  @Test
  void largeWholeNumbersAndFractionsKeepTheirForm() {
    Map<String, String> env = operatorEnv("config: {kubeWriteBurst: 2000000, litellmRps: 0.5}\n");
    assertEquals("2000000", env.get("LITELLM_OPERATOR_KUBE_WRITE_BURST"), "not 2e+06");
    assertEquals("0.5", env.get("LITELLM_OPERATOR_LITELLM_RPS"));
  }

  @Test
  void emptyStringsAreLeftToTheOperator() {
    Map<String, String> env = operatorEnv("{}");
    assertTrue(!env.containsKey("LITELLM_OPERATOR_INGRESS_CLASS") && !env.containsKey("LITELLM_OPERATOR_GATEWAY_PARENT_NAME"),
        env::toString);
  }
}
