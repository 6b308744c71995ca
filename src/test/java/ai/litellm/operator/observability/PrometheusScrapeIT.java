package ai.litellm.operator.observability;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.InstanceRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import static ai.litellm.operator.testing.Await.await;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.observability.ObservabilityFiles.Expression;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shipped dashboards and alerts against a real Prometheus scraping a loaded sandbox: the operator reconciles ~50
 * Models through two proxies (one rate-limiting, one down) plus Models pointing at a missing instance, some Models are
 * changed behind the operator's back and repaired, some are updated and deleted; then every panel query, every
 * variable query and every alert query must parse and return data, and the rules must load and evaluate.
 *
 * <p>Sharding is off here (one replica, no leader election), so the {@code litellm_operator_shard_*},
 * {@code litellm_operator_leader} and {@code litellm_operator_lease_*} series do not exist: expressions on those are
 * only checked to parse ({@link #SHARDING_ONLY}); docs/metrics.md lists them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {
  static final Pattern SHARDING_ONLY = Pattern.compile("litellm_operator_(shard_|leader\\b|lease_)");
  static final String NAMESPACE = "litellm-system";
  static final String POD = "litellm-operator-0";
  static final String NS = "team-obs";

  static Sandbox sandbox;
  static KubernetesClient c;
  static PrometheusServer prometheus;

  @BeforeAll
  static void start() throws Exception {
    Path binary = PrometheusTools.require(PrometheusTools.PROMETHEUS);
    OperatorConfig cfg = SandboxFixture.testConfig();
    // The operator may send faster than the fake proxy accepts: 429s and a backed-off adaptive rate are part of the load.
    sandbox = SandboxFixture.start(cfg, () -> new FakeLiteLLMOptions().rateLimitPerSecond(3));
    c = sandbox.client();
    prometheus = PrometheusServer.start(binary, "127.0.0.1:" + sandbox.operator().managementPort(),
        List.of("namespace=" + NAMESPACE, "pod=" + POD), List.of(ObservabilityFiles.RULES));
    eventually("prometheus ready", Duration.ofSeconds(60), prometheus::ready, prometheus::log);
    eventually("scrape target up", Duration.ofSeconds(60), () -> prometheus.targetHealth().equals(List.of("up")),
        () -> prometheus.targetHealth() + "\n" + prometheus.log());
    generateLoad();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** ~50 Models: 40 through a rate-limiting proxy, 5 through a proxy answering 503, 5 naming a missing instance. */
  static void generateLoad() throws Exception {
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "fast")).create();
    c.resource(SandboxFixture.instance(NS, "broken")).create();
    FakeLiteLLM broken = downProxy("broken");
    for (int i = 0; i < 40; i++) {
      c.resource(SandboxFixture.model(NS, "m" + i, "fast", "openai/gpt-4o")).create();
    }
    for (int i = 0; i < 5; i++) {
      c.resource(SandboxFixture.model(NS, "down" + i, "broken", "openai/gpt-4o")).create();
      c.resource(SandboxFixture.model(NS, "ghost" + i, "no-such-instance", "openai/gpt-4o")).create();
    }
    eventually("40 Models Ready", Duration.ofMinutes(5), () -> readyModels() >= 40, () -> readyModels() + " Ready");

    // Drift: two LiteLLM models deleted behind the operator's back, found by a drift pass and re-created.
    FakeLiteLLM fast = sandbox.proxies().proxy(NS, "fast");
    for (String name : List.of("m0", "m1")) {
      String id = c.resources(Model.class).inNamespace(NS).withName(name).get().getStatus().modelId;
      assertTrue(fast.deleteModelDirectly(id), "model " + id + " in the fake proxy");
    }
    // The "fast" proxy rate-limits (3 rps): a pass whose list call gets a 429 is skipped, so keep running passes.
    eventually("drift repaired", Duration.ofMinutes(5), () -> {
      if (sandbox.operator().registry().get("litellm_operator_drift_repaired").counter().count() >= 2) {
        return true;
      }
      await(sandbox.operator().operator().models().runDriftPass());
      return false;
    });

    // Spec changes (spec-to-Ready clock, PATCH calls) and deletions (DELETE calls).
    for (int i = 2; i < 7; i++) {
      c.resources(Model.class).inNamespace(NS).withName("m" + i)
          .edit(m -> {
            m.getSpec().litellmParams.model = "openai/gpt-4o-mini";
            return m;
          });
    }
    for (int i = 30; i < 35; i++) {
      c.resources(Model.class).inNamespace(NS).withName("m" + i).delete();
    }
    eventually("updates Ready and deletions done", Duration.ofMinutes(5), () -> {
      long gone = fast.models().stream().filter(j -> j.getString("model_name").matches("m3[0-4]")).count();
      long updated = fast.models().stream()
          .filter(j -> "openai/gpt-4o-mini".equals(j.getJsonObject("litellm_params").getString("model"))).count();
      return gone == 0 && updated == 5;
    });
    // A Credential used by two Models, and one rotation of its Secret: the Credentials row's series get data.
    SandboxFixture.secret(c, NS, "provider-key", Map.of("apiKey", "sk-obs-1"));
    Credential credential = new Credential();
    credential.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("provider").build());
    credential.getSpec().connectionRef = new ConnectionRef();
    credential.getSpec().connectionRef.instanceRef = new InstanceRef(null, "fast");
    credential.getSpec().secretRef = new CredentialSecretRef();
    credential.getSpec().secretRef.secretName = "provider-key";
    c.resource(credential).create();
    for (int i = 0; i < 2; i++) {
      Model m = SandboxFixture.model(NS, "cred" + i, "fast", "openai/gpt-4o");
      m.getSpec().litellmParams.litellmCredentialName = "provider";
      c.resource(m).create();
    }
    eventually("Models on a Credential Ready", Duration.ofMinutes(5), () -> c.resources(Model.class).inNamespace(NS)
        .list().getItems().stream().filter(m -> m.getMetadata().getName().startsWith("cred") && m.getStatus() != null
            && Conditions.isTrue(m.getStatus().conditions, "Ready")).count() == 2, () -> readyModels() + " Ready");
    SandboxFixture.secret(c, NS, "provider-key", Map.of("apiKey", "sk-obs-2"));
    eventually("the rotation reaches LiteLLM", Duration.ofMinutes(5), () -> fast.credentials().stream()
        .anyMatch(j -> "sk-obs-2".equals(j.getJsonObject("credential_values").getString("api_key"))));
    assertTrue(broken.options().down(), "the broken proxy stays down");
    // Enough scrapes after the last change for every rate()/increase() window to hold two samples of it.
    eventually("Prometheus saw the drift repair", Duration.ofMinutes(1),
        () -> hasData(prometheus.query("litellm_operator_drift_repaired_total >= 2")));
    Thread.sleep(3000);
    Files.createDirectories(Path.of("target/observability"));
    Files.writeString(Path.of("target/observability/metrics.txt"), scrape("/metrics"));
  }

  /** Starts the "broken" instance's proxy ahead of its Models (with the instance's master key) and takes it down. */
  static FakeLiteLLM downProxy(String instance) {
    String secretName = instance + "-secrets";
    eventually("secret " + secretName, Duration.ofSeconds(60),
        () -> c.secrets().inNamespace(NS).withName(secretName).get() != null);
    Secret s = c.secrets().inNamespace(NS).withName(secretName).get();
    String masterKey = new String(Base64.getDecoder().decode(s.getData().get("masterkey")), StandardCharsets.UTF_8);
    FakeLiteLLM proxy = await(sandbox.proxies().proxyFor(NS, instance, masterKey));
    proxy.options().down(true);
    return proxy;
  }

  static long readyModels() {
    return c.resources(Model.class).inNamespace(NS).list().getItems().stream()
        .filter(m -> m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")).count();
  }

  @Test
  @Order(1)
  void managementEndpointsAnswer() throws Exception {
    assertEquals("ok", scrape("/healthz"));
    JsonObject ready = new JsonObject(scrape("/readyz"));
    assertTrue(ready.getBoolean("ready"), ready.encode());
    assertTrue(ready.getBoolean("ownershipKnown"), ready.encode());
    assertTrue(ready.getBoolean("modelInformersSynced"), ready.encode());
  }

  @Test
  @Order(2)
  void everyDashboardPanelQueryParsesAndReturnsData() throws Exception {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path dashboard : ObservabilityFiles.dashboards()) {
      List<Expression> exprs = new ArrayList<>(ObservabilityFiles.variableExpressions(dashboard));
      exprs.addAll(ObservabilityFiles.panelExpressions(dashboard));
      for (Expression e : exprs) {
        checked++;
        check(e.where(), ObservabilityFiles.substitute(e.expr(), NAMESPACE, POD), problems);
      }
    }
    assertTrue(checked >= 60, "expected the four dashboards' queries, found " + checked);
    if (!problems.isEmpty()) {
      fail(problems.size() + " of " + checked + " dashboard queries failed:\n" + String.join("\n", problems));
    }
  }

  @Test
  @Order(3)
  void everyAlertQueryParsesAndReturnsData() throws Exception {
    List<String> problems = new ArrayList<>();
    List<Expression> alerts = ObservabilityFiles.alertExpressions();
    for (Expression a : alerts) {
      var split = PromQlThreshold.parse(a.expr());
      if (split.isEmpty()) {
        problems.add(a.where() + ": expr is not '<query> <comparison> <number>': " + a.expr());
        continue;
      }
      check(a.where() + " (the alert's full expression)", a.expr(), problems, true);
      String query = split.get().query();
      if (query.startsWith("absent(") && query.endsWith(")")) {
        // An absence alert is quiet while the operator runs: what it watches for must exist now.
        check(a.where() + " (the series whose absence it watches)", query.substring(7, query.length() - 1), problems);
        if (hasData(prometheus.query(a.expr()))) {
          problems.add(a.where() + ": active while the operator runs: " + a.expr());
        }
      } else {
        check(a.where() + " (its query without the threshold)", query, problems);
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " alert checks failed:\n" + String.join("\n", problems));
    }
  }

  @Test
  @Order(4)
  void rulesLoadAndEvaluateAndTheLoadMakesTheExpectedAlertsPending() throws Exception {
    Set<String> expected = Set.of("LiteLLMOperatorModelsNotReady", "LiteLLMOperatorLiteLLMUnreachable",
        "LiteLLMOperatorReconcileErrors");
    eventually("rules evaluated without errors and expected alerts active", Duration.ofSeconds(90), () -> {
      JsonArray groups = prometheus.rules().getJsonObject("data").getJsonArray("groups");
      int rules = 0;
      for (Object g : groups) {
        for (Object r : ((JsonObject) g).getJsonArray("rules")) {
          JsonObject rule = (JsonObject) r;
          rules++;
          if (!"ok".equals(rule.getString("health"))) {
            throw new AssertionError(rule.getString("name") + ": " + rule.getString("lastError"));
          }
        }
      }
      if (rules != ObservabilityFiles.alertExpressions().size()) {
        throw new AssertionError("loaded " + rules + " rules");
      }
      Set<String> active = new java.util.HashSet<>();
      prometheus.alerts().forEach(a -> active.add(((JsonObject) a).getJsonObject("labels").getString("alertname")));
      if (!active.containsAll(expected)) {
        throw new AssertionError("active alerts " + active + ", expected at least " + expected);
      }
      return true;
    });
  }

  /** Pre-registered series return data even at 0: these check that the load really moved them. */
  @Test
  @Order(5)
  void theLoadMovedTheOperatorsOwnMetrics() {
    Map<String, String> expectations = new java.util.LinkedHashMap<>();
    expectations.put("429s counted", "sum(litellm_operator_litellm_rate_limited_total) > 0");
    expectations.put("a proxy throttled", "sum(litellm_operator_limiter_downstreams{limiter=\"litellm\", state=\"throttled\"}) > 0");
    expectations.put("spec-to-Ready timed for the created and updated Models",
        "sum(litellm_operator_spec_to_ready_seconds_count{kind=\"Model\"}) >= 40");
    expectations.put("drift detected and repaired",
        "sum(litellm_operator_drift_repaired_total) >= 2 and sum(litellm_operator_drift_detected_total) >= 2");
    expectations.put("not-Ready Models counted",
        "sum(litellm_operator_managed_resources{kind=\"Model\", condition=\"Ready\", status=\"False\"}) == 10");
    expectations.put("Ready Models counted",
        "sum(litellm_operator_managed_resources{kind=\"Model\", condition=\"Ready\", status=\"True\"}) == 37");
    expectations.put("Ready Credentials counted",
        "sum(litellm_operator_managed_resources{kind=\"Credential\", condition=\"Ready\", status=\"True\"}) == 1");
    expectations.put("Kubernetes writes counted", "sum(litellm_operator_kubernetes_requests_total{code=\"2xx\"}) > 0");
    expectations.put("model errors counted", "sum(controller_runtime_reconcile_errors_total{controller=\"model\"}) > 0");
    List<String> failed = new ArrayList<>();
    expectations.forEach((what, q) -> {
      if (!hasData(prometheus.query(q))) {
        failed.add(what + ": " + q);
      }
    });
    assertTrue(failed.isEmpty(), String.join("\n", failed));
  }

  /** The names kubebuilder-style dashboards use (operator-anchors.md 3.2), as Prometheus actually stores them. */
  @Test
  @Order(6)
  void controllerRuntimeNamesAreExposed() {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total",
        "controller_runtime_terminal_reconcile_errors_total", "controller_runtime_reconcile_time_seconds_bucket",
        "controller_runtime_max_concurrent_reconciles", "controller_runtime_active_workers", "workqueue_depth",
        "workqueue_adds_total", "workqueue_queue_duration_seconds_bucket", "workqueue_work_duration_seconds_bucket",
        "workqueue_unfinished_work_seconds", "workqueue_longest_running_processor_seconds", "workqueue_retries_total")) {
      if (!hasData(prometheus.query("count(" + name + "{controller=~\"model|instance\"})"))) {
        missing.add(name);
      }
    }
    assertTrue(missing.isEmpty(), "missing: " + missing);
    assertTrue(hasData(prometheus.query("controller_runtime_reconcile_total{result=~\"success|error|requeue_after\"}")));
  }

  /** No object names, namespaces, URLs or keys in any label value: cardinality stays bounded at 100k Models. */
  @Test
  @Order(7)
  void labelsCarryNoObjectNamesNamespacesOrUrls() throws Exception {
    String text = scrape("/metrics");
    List<String> leaks = new ArrayList<>();
    for (String instance : List.of("fast", "broken")) {
      String key = new String(Base64.getDecoder().decode(c.secrets().inNamespace(NS).withName(instance + "-secrets").get()
          .getData().get("masterkey")), StandardCharsets.UTF_8);
      assertFalse(text.contains(key), "the master key of " + instance + " is in /metrics");
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.contains(NS) || line.contains("http://") || line.contains("127.0.0.1") || line.matches(".*\"m\\d+\".*")) {
        leaks.add(line);
      }
    }
    assertTrue(leaks.isEmpty(), "unbounded label values:\n" + String.join("\n", leaks));
  }

  private static void check(String where, String promql, List<String> problems) {
    check(where, promql, problems, false);
  }

  /** @param parseOnly the expression may legitimately return nothing (an alert that is not firing) */
  private static void check(String where, String promql, List<String> problems, boolean parseOnly) {
    JsonObject answer = prometheus.query(promql);
    if (!"success".equals(answer.getString("status"))) {
      problems.add(where + ": " + answer.getString("errorType") + ": " + answer.getString("error") + "\n    " + promql);
      return;
    }
    if (!parseOnly && !SHARDING_ONLY.matcher(promql).find() && !hasData(answer)) {
      problems.add(where + ": no data\n    " + promql);
    }
  }

  static boolean hasData(JsonObject answer) {
    Object result = answer.getJsonObject("data").getValue("result");
    return result instanceof JsonArray a ? !a.isEmpty() : result != null;
  }

  static String scrape(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + sandbox.operator().managementPort() + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

}
