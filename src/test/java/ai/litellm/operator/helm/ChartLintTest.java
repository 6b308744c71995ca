package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `helm lint --strict` passes, and values.schema.json turns typical mistakes into install-time errors. */
class ChartLintTest {

  @Test
  void strictLintPasses() {
    LintResult result = HelmChart.lintStrict();
    assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
        () -> String.join("\n", result.getMessages()));
  }

  @ParameterizedTest(name = "{0} is rejected at {1}")
  @CsvSource(delimiter = '|', value = {
      "sharding: {mode: hash}                   | /sharding/mode",
      "replicaCount: 0                          | /replicaCount",
      "config: {modelConcurency: 10}            | /config",
      "config: {resyncPeriod: ten minutes}      | /config/resyncPeriod",
      "config: {kubeWriteQps: 0}                | /config/kubeWriteQps",
      "config: {logLevel: FINE}                 | /config/logLevel",
      "config: {logFormat: logfmt}              | /config/logFormat",
      "image: {digest: latest}                  | /image/digest",
      "management: {port: 70000}                | /management/port",
      "watchNamespaces: team-a                  | /watchNamespaces",
      "watchNamespaces: [Team_A]                | /watchNamespaces/0",
      "image: {repository: '', pullPolicy: Always} | /image/repository",
      "serviceMonitor: {enabled: yes-please}    | /serviceMonitor/enabled",
      "leaderElection: {enable: true}           | /leaderElection",
  })
  void schemaRejectsInvalidValues(String values, String path) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> HelmChart.render(values));
    assertTrue(e.getMessage().contains("at '" + path), e::getMessage);
  }
}
