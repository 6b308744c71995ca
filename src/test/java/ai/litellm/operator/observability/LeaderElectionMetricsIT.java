package ai.litellm.operator.observability;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.DeploymentSimulator;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The documented HA setup (two replicas, leader election) scraped by a real Prometheus: the dashboards' and alerts'
 * sums over pods count every resource once (the warm stand-by keeps full caches but reports 0), and when every
 * operator pod is gone the LiteLLMOperatorDown alert becomes active.
 */
class LeaderElectionMetricsIT {
  private static final String NS = "ha-team";
  private static final int READY_MODELS = 4;

  private static OperatorConfig replica(String identity) {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.leaderElection = true;
    cfg.identity = identity;
    cfg.operatorNamespace = "default";
    cfg.leaseDuration = Duration.ofSeconds(8);
    cfg.renewDeadline = Duration.ofSeconds(5);
    cfg.retryPeriod = Duration.ofSeconds(1);
    return cfg;
  }

  @Test
  void sumsOverBothReplicasCountEveryModelOnceAndTheDownAlertFiresWhenBothAreGone() throws Exception {
    Path binary = PrometheusTools.require(PrometheusTools.PROMETHEUS);
    EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults());
    KubernetesClient client = api.newClient();
    Vertx proxyVertx = Vertx.vertx();
    FakeProxyFleet proxies = new FakeProxyFleet(proxyVertx, FakeLiteLLMOptions::new);
    DeploymentSimulator kubelet = new DeploymentSimulator(client, 200).start();
    List<OperatorProcess> replicas = new ArrayList<>();
    PrometheusServer prometheus = null;
    try {
      SandboxFixture.namespace(client, "default");
      SandboxFixture.namespace(client, NS);
      replicas.add(OperatorProcess.start(replica("op-a"), api.clientConfig(), proxies));
      eventually("op-a leads", Duration.ofSeconds(60), () -> replicas.get(0).operator().gate().isActive());
      replicas.add(OperatorProcess.start(replica("op-b"), api.clientConfig(), proxies));
      client.resource(SandboxFixture.instance(NS, "proxy")).create();
      for (int i = 0; i < READY_MODELS; i++) {
        client.resource(SandboxFixture.model(NS, "m" + i, "proxy", "openai/gpt-4o")).create();
      }
      client.resource(SandboxFixture.model(NS, "ghost", "no-such-instance", "openai/gpt-4o")).create();
      eventually("Models Ready", Duration.ofMinutes(3), () -> readyModels(client) == READY_MODELS);
      // The stand-by's informers hold the same objects as the leader's (a warm stand-by).
      eventually("op-b's cache is warm", Duration.ofSeconds(60),
          () -> replicas.get(1).operator().models().models().size() == READY_MODELS + 1);

      Map<String, List<String>> targets = new LinkedHashMap<>();
      for (OperatorProcess p : replicas) {
        targets.put("127.0.0.1:" + p.managementPort(),
            List.of("namespace=litellm-system", "pod=" + p.operator().config().identity));
      }
      prometheus = PrometheusServer.start(binary, targets, List.of(ObservabilityFiles.RULES));
      PrometheusServer prom = prometheus;
      eventually("both targets up", Duration.ofSeconds(60), () -> prom.targetHealth().equals(List.of("up", "up")),
          () -> prom.targetHealth() + "\n" + prom.log());

      String byPod = "count by (pod) (litellm_operator_managed_resources{kind=\"Model\"})";
      eventually("both replicas export the gauge", Duration.ofSeconds(30),
          () -> prom.query(byPod).getJsonObject("data").getJsonArray("result").size() == 2);
      // The overview dashboard's "Models" and "not Ready" panels and the ModelsNotReady alert's query.
      String models = "sum(litellm_operator_managed_resources{kind=\"Model\", condition=\"Ready\"})";
      String notReady = "sum by (namespace) (litellm_operator_managed_resources{kind=\"Model\", condition=\"Ready\", "
          + "status!=\"True\"})";
      eventually("Models counted once over two replicas", Duration.ofSeconds(30),
          () -> value(prom, models) == READY_MODELS + 1 && value(prom, notReady) == 1,
          () -> models + " = " + value(prom, models) + ", " + notReady + " = " + value(prom, notReady));
      assertEquals(0.0, value(prom, "sum(litellm_operator_managed_resources{pod=\"op-b\"})"), "the stand-by counts 0");
      // (Before the first scrape the series were absent: the alert may have been pending and must clear.)
      eventually("no Down alert while up", Duration.ofSeconds(30),
          () -> !activeAlerts(prom).contains("LiteLLMOperatorDown"), () -> activeAlerts(prom).toString());

      // Every operator pod gone: its series go stale and the Down alert becomes active (pending, then firing).
      replicas.forEach(OperatorProcess::close);
      eventually("LiteLLMOperatorDown active", Duration.ofSeconds(60),
          () -> activeAlerts(prom).contains("LiteLLMOperatorDown"), () -> activeAlerts(prom) + "\n" + prom.log());
    } finally {
      if (prometheus != null) {
        prometheus.close();
      }
      replicas.forEach(OperatorProcess::close);
      kubelet.close();
      proxies.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      proxyVertx.close();
      client.close();
      api.close();
    }
  }

  private static long readyModels(KubernetesClient client) {
    return client.resources(Model.class).inNamespace(NS).list().getItems().stream()
        .filter(m -> m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")).count();
  }

  private static double value(PrometheusServer prom, String promql) {
    JsonArray result = prom.query(promql).getJsonObject("data").getJsonArray("result");
    assertEquals(1, result.size(), promql + " -> " + result);
    return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
  }

  private static Set<String> activeAlerts(PrometheusServer prom) {
    Set<String> names = new TreeSet<>();
    prom.alerts().forEach(a -> names.add(((JsonObject) a).getJsonObject("labels").getString("alertname")));
    return names;
  }
}
