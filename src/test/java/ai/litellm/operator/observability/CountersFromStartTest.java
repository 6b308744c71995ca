package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counters that dashboards and alerts read exist at 0 from the start (issue #16): before the first LiteLLM call,
 * failure, hand-off or renew failure, a rate over them reads 0, not "no data".
 */
class CountersFromStartTest {

  @Test
  void aFreshOperatorExportsTheEventCountersAtZero() throws Exception {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.leaderElection = true;
    cfg.identity = "op-0";
    cfg.operatorNamespace = "default";
    try (Sandbox sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new)) {
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + sandbox.operator().managementPort() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      List<String> missing = new ArrayList<>();
      for (String series : List.of(
          "litellm_operator_litellm_requests_total{endpoint=\"model_new\",status_class=\"5xx\"} 0.0",
          "litellm_operator_litellm_requests_total{endpoint=\"model_list\",status_class=\"error\"} 0.0",
          "litellm_operator_litellm_requests_total{endpoint=\"credential_update\",status_class=\"4xx\"} 0.0",
          "litellm_operator_litellm_rate_limited_total{endpoint=\"credential_new\"} 0.0",
          "litellm_operator_litellm_rate_limited_total{endpoint=\"model_update\"} 0.0",
          "litellm_operator_model_sync_failures_total{reason=\"LiteLLMUnavailable\"} 0.0",
          "litellm_operator_shard_handoffs_total{direction=\"acquired\",reason=\"takeover\"} 0.0",
          "litellm_operator_lease_renew_failures_total{lease=\"leader\"} 0.0")) {
        if (!metrics.contains(series)) {
          missing.add(series);
        }
      }
      assertTrue(missing.isEmpty(), "not exported at start: " + missing + "\n" + metrics.lines()
          .filter(l -> l.startsWith("litellm_operator_")).toList());
    }
  }
}
