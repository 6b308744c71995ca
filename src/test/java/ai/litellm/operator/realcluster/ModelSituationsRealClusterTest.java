package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.realcluster.Fixtures.getModel;
import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.DatabaseSecretKeys;
import ai.litellm.operator.api.DatabaseSecretRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, "Done means": {@code kubectl get models} tells the truth in each situation of the issue that a live
 * Model can be in. The operator runs on a real API server; every state is reached through the public surface (objects
 * the user writes, a proxy that stops answering, a row another client wrote), no status is written by the test, and
 * the real kubectl reads the printer columns. docs/crd-reference.md shows this output.
 */
@RealCluster(controllerManager = false)
class ModelSituationsRealClusterTest {
  private static final String NS = "situations";
  /** A Model's Ready and reason as the printer columns show them, per situation. */
  private static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.of(
      "healthy", List.of("True", "Synced"),
      "instance-deleting", List.of("False", "InstanceNotReady"),
      "instance-scaled-to-0", List.of("False", "InstanceNotReady"),
      "instance-missing", List.of("False", "InstanceNotFound"),
      "proxy-down", List.of("False", "LiteLLMUnavailable"),
      "no-database", List.of("False", "LiteLLMNoDatabase"),
      "go-row-unmarked", List.of("False", "ModelIdConflict"),
      "moved", List.of("True", "Synced")));

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void startOperator(RealControlPlane cp, KubernetesClient client) {
    Assumptions.assumeTrue(Kubectl.available(), "this class checks what the real kubectl prints");
    admin = client;
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    OperatorConfig cfg = RealOperator.testConfig();
    cfg.driftInterval = Duration.ofSeconds(3); // a dead proxy shows after 2 failed passes: seconds, not minutes
    cfg.unreachableAfterPasses = 2;
    operator.start(cfg);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void kubectlGetModelsTellsTheTruthInEachSituation(RealControlPlane cp) {
    ClusterSetup.namespace(admin, NS);
    SandboxFixture.secret(admin, NS, "db", Map.of("host", "postgres", "user", "litellm", "password", "pw",
        "db", "litellm"));
    for (String name : List.of("proxy-a", "proxy-b", "leaving", "scaled", "down")) {
      admin.resource(withDatabase(Fixtures.instance(NS, name))).create();
    }
    admin.resource(Fixtures.instance(NS, "no-db")).create(); // no databaseSecretRef: its proxy has no model store
    FakeLiteLLM noDbProxy = await(operator.proxies().proxyFor(NS, "no-db", masterKey("no-db")));
    noDbProxy.options().dbConnected(false); // as LiteLLM answers without a database (reference §2.2-2.5)

    Map<String, String> instanceOf = new LinkedHashMap<>(Map.of("healthy", "proxy-a", "moved", "proxy-a",
        "instance-deleting", "leaving", "instance-scaled-to-0", "scaled", "proxy-down", "down"));
    SandboxFixture.secret(admin, NS, "provider-key", Map.of("apiKey", "sk-situations-provider-0001"));
    instanceOf.forEach((model, instance) -> {
      Model m = Fixtures.model(NS, model, instance);
      if (model.equals("healthy")) {
        m.getSpec().modelSecretRef = new ai.litellm.operator.api.SecretRef(null, "provider-key");
      }
      admin.resource(m).create();
    });
    instanceOf.keySet().forEach(model -> awaitModelReady(admin, NS, model));
    FakeLiteLLM proxyA = operator.proxy(NS, "proxy-a");

    // Issue #14.1: the instance is being deleted (it waits for its live Model), or scaled to 0 replicas, or gone.
    admin.resources(LiteLLMInstance.class).inNamespace(NS).withName("leaving").delete();
    eventually("scale to 0", ClusterSetup.WAIT, () -> { // retried if the operator's status write won the race (409)
      admin.resources(LiteLLMInstance.class).inNamespace(NS).withName("scaled").edit(i -> {
        i.getSpec().replicas = 0;
        return i;
      });
      return true;
    });
    admin.resource(Fixtures.model(NS, "instance-missing", "ghost")).create();
    // Issue #14.5: the proxy stops answering.
    await(operator.proxy(NS, "down").stopServer());
    // Issue #14.9: the instance has no databaseSecretRef, so its proxy cannot store models.
    admin.resource(Fixtures.model(NS, "no-database", "no-db")).create();
    // Issue #14.8: a row the Go operator left (no ownership marker) holds the Model's id; no opt-in annotation.
    String goId = proxyA.putModelDirectly(new JsonObject().put("model_name", "go-row-unmarked-[crd]")
        .put("litellm_params", new JsonObject().put("model", "openai/go-row-unmarked"))
        .put("model_info", new JsonObject().put("db_model", true)));
    Model goModel = Fixtures.model(NS, "go-row-unmarked", "proxy-a");
    goModel.getSpec().modelInfo = new ModelInfo();
    goModel.getSpec().modelInfo.id = goId;
    admin.resource(goModel).create();
    // Issue #14.4: the Model moves to another instance.
    admin.resources(Model.class).inNamespace(NS).withName("moved").edit(m -> {
      m.getSpec().connectionRef.instanceRef.name = "proxy-b";
      return m;
    });

    EXPECTED.forEach((model, columns) -> eventually(model + " Ready=" + columns.get(0) + " " + columns.get(1),
        ClusterSetup.WAIT, () -> columns.equals(readyAndReason(model)), () -> Fixtures.yaml(getModel(admin, NS, model))));
    eventually("moved applied to proxy-b", ClusterSetup.WAIT, () -> {
      Model moved = getModel(admin, NS, "moved");
      return moved.getStatus().appliedEndpoint != null
          && ("LiteLLMInstance " + NS + "/proxy-b").equals(moved.getStatus().appliedEndpoint.via);
    });
    assertSituationDetails(proxyA);
    // The names of the credentials applied survive the real API server's pruning (the CRD's status schema has them).
    assertEquals(List.of("api_key"), getModel(admin, NS, "healthy").getStatus().appliedCredentialParams);

    // Issue #14.6: both refs are refused by the API server, with its own words.
    Kubectl.Result refused = Kubectl.of(cp).runWithInput(bothRefsYaml(), "create", "-f", "-");
    System.out.println("$ kubectl create -f both-refs.yaml\n" + refused.output());
    assertNotEquals(0, refused.code(), refused.output());
    assertTrue(refused.output().contains("must validate one and only one schema (oneOf)"), refused.output());
    assertNull(getModel(admin, NS, "both-refs"));

    String wide = Kubectl.of(cp).ok("get", "models", "-n", NS, "-o", "wide");
    System.out.println("$ kubectl get models -n " + NS + " -o wide\n" + wide); // docs/crd-reference.md shows it
    Map<String, Map<String, String>> rows = Kubectl.table(wide);
    Map<String, List<String>> shown = new TreeMap<>();
    rows.forEach((name, row) -> shown.put(name, List.of(row.get("READY"), row.get("REASON"))));
    assertEquals(EXPECTED, shown, wide);
    assertEquals("{\"instanceRef\":{\"name\":\"proxy-b\"}}", rows.get("moved").get("CONNECTION"), wide);
    // What each row means, in the operator's words (Ready's message).
    String why = Kubectl.of(cp).ok("get", "models", "-n", NS, "-o",
        "custom-columns=NAME:.metadata.name,MESSAGE:.status.conditions[?(@.type==\"Ready\")].message");
    System.out.println("$ kubectl get models -n " + NS + " -o custom-columns=NAME:...,MESSAGE:...\n" + why);
  }

  /** What the printer columns do not show: the conditions and status behind each row. */
  private static void assertSituationDetails(FakeLiteLLM proxyA) {
    assertTrue(message("instance-deleting").contains("is being deleted"), message("instance-deleting"));
    assertTrue(message("instance-scaled-to-0").contains("scaled to 0 replicas"), message("instance-scaled-to-0"));
    assertEquals("False", condition("proxy-down", "ProxyReachable").getStatus());
    assertEquals("LiteLLMUnavailable", condition("proxy-down", "ProxyReachable").getReason());
    assertTrue(message("no-database").contains("spec.databaseSecretRef"), message("no-database"));
    assertTrue(message("go-row-unmarked").contains(ModelOwnership.ADOPT_ANNOTATION), message("go-row-unmarked"));
    Model moved = getModel(admin, NS, "moved");
    assertEquals(operator.proxy(NS, "proxy-b").baseUrl().replaceAll("/$", ""), moved.getStatus().appliedEndpoint.url);
    assertEquals(0, ModelFixtures.rows(proxyA, "moved"), "no copy left on the old proxy");
    assertEquals(1, ModelFixtures.rows(operator.proxy(NS, "proxy-b"), "moved"));
    assertEquals(1, ModelFixtures.rows(proxyA, "healthy"));
  }

  private static List<String> readyAndReason(String model) {
    Model m = getModel(admin, NS, model);
    var ready = m == null || m.getStatus() == null ? null
        : Conditions.find(m.getStatus().conditions, "Ready").orElse(null);
    return ready == null ? List.of() : List.of(ready.getStatus(), ready.getReason());
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(String model, String type) {
    return Conditions.find(getModel(admin, NS, model).getStatus().conditions, type).orElseThrow();
  }

  private static String message(String model) {
    return condition(model, "Ready").getMessage();
  }

  private static LiteLLMInstance withDatabase(LiteLLMInstance inst) {
    inst.getSpec().databaseSecretRef = new DatabaseSecretRef();
    inst.getSpec().databaseSecretRef.nameRef = "db";
    inst.getSpec().databaseSecretRef.keys = new DatabaseSecretKeys();
    inst.getSpec().databaseSecretRef.keys.hostSecret = "host";
    inst.getSpec().databaseSecretRef.keys.usernameSecret = "user";
    inst.getSpec().databaseSecretRef.keys.passwordSecret = "password";
    inst.getSpec().databaseSecretRef.keys.dbnameSecret = "db";
    return inst;
  }

  /** The master key the operator generated for the instance, once its Secret exists. */
  private static String masterKey(String instance) {
    String name = InstanceNames.secret(instance);
    eventually("Secret " + name, ClusterSetup.WAIT, () -> admin.secrets().inNamespace(NS).withName(name).get() != null);
    return ai.litellm.operator.render.SecretData.decode(admin.secrets().inNamespace(NS).withName(name).get())
        .get(InstanceNames.MASTER_KEY);
  }

  private static String bothRefsYaml() {
    return "apiVersion: litellm.litellm.ai/v1alpha1\nkind: Model\nmetadata: {name: both-refs, namespace: " + NS + "}\n"
        + "spec:\n  modelName: both-refs\n  connectionRef:\n    instanceRef: {name: proxy-a}\n"
        + "    secretRef: {secretName: litellm-conn}\n  litellmParams: {model: openai/gpt-4o}\n";
  }
}
