package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LiteLLMInstance from creation to Ready and back: its children (names, labels, ownership), the status story, the
 * keys kept forever, ingress and gateway toggling, bad input keeping the last good objects, Models syncing through
 * the instance, and deletion. Every test works in its own namespace.
 */
class InstanceLifecycleIT {
  static final Duration WAIT = Duration.ofSeconds(45);
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.startWithoutSchemaAdmission(config(), FakeLiteLLMOptions::new);
    c = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static OperatorConfig config() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.gatewayParentName = "public-gw";
    cfg.gatewayParentNamespace = "gateway-system";
    return cfg;
  }

  @Test
  void childrenAreCreatedOwnedAndLabelledAndTheStatusTellsTheStoryUntilReady() {
    String ns = "life-create";
    SandboxFixture.namespace(c, ns);
    dbSecret(c, ns, "s3cret-db-password");
    sandbox.kubelet().pause();
    try {
      LiteLLMInstance created = c.resource(instance(ns, "proxy", """
          replicas: 2
          databaseSecretRef:
            nameRef: db
            keys: {hostSecret: host, usernameSecret: username, passwordSecret: password, dbnameSecret: dbname}
          ingress: {enabled: true, host: llm.example.com}
          """)).create();

      // Every child exists, but the pods are not available: not Ready, Progressing.
      LiteLLMInstance waiting = awaitStatus(c, ns, "proxy", "children created, Deployment not available", i ->
          Boolean.TRUE.equals(i.getStatus().deploymentCreated) && Boolean.TRUE.equals(i.getStatus().ingressCreated)
              && hasCondition(i, "Ready", "False", "DeploymentNotAvailable")
              && hasCondition(i, "Progressing", "True", "RollingOut"));
      assertTrue(waiting.getStatus().configMapCreated && waiting.getStatus().secretCreated
          && waiting.getStatus().serviceCreated);
      assertTrue(hasCondition(waiting, "Degraded", "False", "AsExpected"));

      String uid = created.getMetadata().getUid();
      List<HasMetadata> children = List.of(
          get(c, ConfigMap.class, ns, "proxy-config"), get(c, Secret.class, ns, "proxy-secrets"),
          get(c, Deployment.class, ns, "proxy-deployment"), get(c, Service.class, ns, "proxy-service"),
          get(c, Ingress.class, ns, "proxy-ingress"));
      for (HasMetadata child : children) {
        assertNotNull(child);
        if (child instanceof Secret) {
          assertKept(child);
        } else {
          assertOwnedBy(child, "proxy", uid);
        }
        Map<String, String> labels = child.getMetadata().getLabels();
        assertEquals("litellm", labels.get("app.kubernetes.io/name"), child.getKind());
        assertEquals("proxy", labels.get("app.kubernetes.io/instance"), child.getKind());
        assertEquals("litellm-operator", labels.get("app.kubernetes.io/managed-by"), child.getKind());
      }

      Deployment d = get(c, Deployment.class, ns, "proxy-deployment");
      var pod = d.getSpec().getTemplate().getSpec();
      var container = pod.getContainers().get(0);
      assertEquals(2, d.getSpec().getReplicas());
      assertEquals(List.of("--config", "/etc/litellm/config.yaml", "--port", "4000"), container.getArgs());
      assertEquals(4000, container.getPorts().get(0).getContainerPort());
      assertEquals("/health/liveliness", container.getLivenessProbe().getHttpGet().getPath());
      assertEquals("/health/readiness", container.getReadinessProbe().getHttpGet().getPath());
      assertTrue(container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds()
          >= 300, "the startup probe allows at least 5 minutes");
      assertTrue(pod.getSecurityContext().getRunAsNonRoot());
      assertEquals("password", env(container.getEnv(), "DATABASE_PASSWORD").getValueFrom().getSecretKeyRef().getKey());
      assertEquals("db", env(container.getEnv(), "DATABASE_PASSWORD").getValueFrom().getSecretKeyRef().getName());
      assertEquals("True", env(container.getEnv(), "STORE_MODEL_IN_DB").getValue());
      assertNotNull(d.getSpec().getTemplate().getMetadata().getAnnotations().get("litellm.litellm.ai/config-hash"));

      String config = get(c, ConfigMap.class, ns, "proxy-config").getData().get("config.yaml");
      assertFalse(config.contains("s3cret-db-password"), "no secret value in the ConfigMap");
      assertTrue(config.contains("os.environ/LITELLM_MASTER_KEY"), config);

      Service svc = get(c, Service.class, ns, "proxy-service");
      assertEquals(4000, svc.getSpec().getPorts().get(0).getPort());
      Ingress ing = get(c, Ingress.class, ns, "proxy-ingress");
      assertEquals("llm.example.com", ing.getSpec().getRules().get(0).getHost());
      assertEquals("proxy-service",
          ing.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName());
    } finally {
      sandbox.kubelet().resume();
    }

    LiteLLMInstance ready = awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready")
        && hasCondition(i, "Progressing", "False", "Stable"));
    assertEquals(ready.getMetadata().getGeneration(), ready.getStatus().observedGeneration);
    assertNotNull(ready.getStatus().lastUpdated);
    for (Condition cond : ready.getStatus().conditions) {
      assertFalse(cond.getMessage().isBlank(), cond.getType());
      assertTrue(cond.getReason().matches("[A-Z][A-Za-z]*"), cond.getReason());
    }
  }

  @Test
  void modelsPointingAtTheInstanceSyncThroughIt() {
    String ns = "life-models";
    SandboxFixture.namespace(c, ns);
    c.resource(instance(ns, "proxy", "replicas: 1\n")).create();
    awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready"));

    c.resource(SandboxFixture.model(ns, "gpt-4o", "proxy", "openai/gpt-4o")).create();
    eventually("Model Ready", WAIT, () -> {
      Model m = c.resources(Model.class).inNamespace(ns).withName("gpt-4o").get();
      return m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
    });
    FakeLiteLLM proxy = sandbox.proxies().proxy(ns, "proxy");
    assertEquals(decode(get(c, Secret.class, ns, "proxy-secrets"), "masterkey"), proxy.options().masterKey(),
        "the Model controller talks to the proxy with the key the instance controller generated");
    JsonObject stored = proxy.models().stream().filter(j -> "gpt-4o".equals(j.getString("model_name")))
        .findFirst().orElseThrow();
    assertEquals("openai/gpt-4o", stored.getJsonObject("litellm_params").getString("model"));
  }

  @Test
  void masterAndSaltKeysAreGeneratedOnceAndKept() {
    String ns = "life-keys";
    SandboxFixture.namespace(c, ns);
    c.resource(instance(ns, "proxy", "replicas: 1\n")).create();
    awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready"));
    Secret first = get(c, Secret.class, ns, "proxy-secrets");
    String master = decode(first, "masterkey");
    String salt = decode(first, "saltkey");
    assertTrue(master.startsWith("sk-"));

    edit(c, ns, "proxy", i -> {
      i.getSpec().replicas = 3;
      return i;
    });
    eventually("replicas 3 applied", WAIT, () -> get(c, Deployment.class, ns, "proxy-deployment").getSpec()
        .getReplicas() == 3);
    Secret after = get(c, Secret.class, ns, "proxy-secrets");
    assertEquals(master, decode(after, "masterkey"));
    assertEquals(salt, decode(after, "saltkey"));

    // spec.masterKey wins over the generated key; the salt key stays.
    edit(c, ns, "proxy", i -> {
      i.getSpec().masterKey = "sk-chosen-by-the-user";
      return i;
    });
    eventually("spec.masterKey applied", WAIT, () ->
        "sk-chosen-by-the-user".equals(decode(get(c, Secret.class, ns, "proxy-secrets"), "masterkey")));
    assertEquals(salt, decode(get(c, Secret.class, ns, "proxy-secrets"), "saltkey"));

    // Removing spec.masterKey keeps the key in use (it is never regenerated while the Secret exists).
    edit(c, ns, "proxy", i -> {
      i.getSpec().masterKey = null;
      i.getSpec().replicas = 1;
      return i;
    });
    eventually("replicas 1 applied", WAIT, () -> get(c, Deployment.class, ns, "proxy-deployment").getSpec()
        .getReplicas() == 1);
    assertEquals("sk-chosen-by-the-user", decode(get(c, Secret.class, ns, "proxy-secrets"), "masterkey"));
    assertEquals(salt, decode(get(c, Secret.class, ns, "proxy-secrets"), "saltkey"));
  }

  @Test
  void ingressAndGatewayToggleTheirObjectsAndFlags() {
    String ns = "life-toggle";
    SandboxFixture.namespace(c, ns);
    LiteLLMInstance created = c.resource(instance(ns, "proxy", "replicas: 1\n")).create();
    awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready"));
    assertNull(get(c, Ingress.class, ns, "proxy-ingress"));
    assertNull(get(c, HTTPRoute.class, ns, "proxy-route"));
    assertFalse(Boolean.TRUE.equals(c.resources(LiteLLMInstance.class).inNamespace(ns).withName("proxy").get()
        .getStatus().ingressCreated));

    edit(c, ns, "proxy", i -> {
      i.getSpec().ingress = new ai.litellm.operator.api.Ingress();
      i.getSpec().ingress.enabled = true;
      i.getSpec().ingress.host = "llm.team.example.com";
      i.getSpec().gateway = new ai.litellm.operator.api.Gateway();
      i.getSpec().gateway.enabled = true;
      i.getSpec().gateway.host = "gw.team.example.com";
      return i;
    });
    awaitStatus(c, ns, "proxy", "ingressCreated", i -> Boolean.TRUE.equals(i.getStatus().ingressCreated)
        && hasCondition(i, "Ready", "True", "Ready"));
    eventually("HTTPRoute created", WAIT, () -> get(c, HTTPRoute.class, ns, "proxy-route") != null);
    HTTPRoute route = get(c, HTTPRoute.class, ns, "proxy-route");
    assertOwnedBy(route, "proxy", created.getMetadata().getUid());
    assertEquals(List.of("gw.team.example.com"), route.getSpec().getHostnames());
    assertEquals("public-gw", route.getSpec().getParentRefs().get(0).getName());
    assertEquals("gateway-system", route.getSpec().getParentRefs().get(0).getNamespace());
    assertEquals("proxy-service", route.getSpec().getRules().get(0).getBackendRefs().get(0).getName());
    assertEquals(4000, route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort());

    edit(c, ns, "proxy", i -> {
      i.getSpec().ingress.enabled = false;
      i.getSpec().gateway.enabled = false;
      return i;
    });
    eventually("Ingress and HTTPRoute deleted", WAIT, () -> get(c, Ingress.class, ns, "proxy-ingress") == null
        && get(c, HTTPRoute.class, ns, "proxy-route") == null);
    awaitStatus(c, ns, "proxy", "ingressCreated cleared", i -> Boolean.FALSE.equals(i.getStatus().ingressCreated)
        && hasCondition(i, "Ready", "True", "Ready"));
  }

  @Test
  void badInputKeepsTheLastGoodObjectsAndSaysWhy() {
    String ns = "life-invalid";
    SandboxFixture.namespace(c, ns);
    c.resource(instance(ns, "proxy", """
        replicas: 1
        models:
          - {modelName: gpt-4o, identifier: gpt-4o-eu, liteLLMParams: {model: openai/gpt-4o}}
        """)).create();
    awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready"));
    String configVersion = get(c, ConfigMap.class, ns, "proxy-config").getMetadata().getResourceVersion();
    String deploymentVersion = get(c, Deployment.class, ns, "proxy-deployment").getMetadata().getResourceVersion();

    // Duplicate identifiers.
    replaceSpec(ns, """
        replicas: 1
        models:
          - {modelName: gpt-4o, identifier: gpt-4o-eu, liteLLMParams: {model: openai/gpt-4o}}
          - {modelName: gpt-4o-mini, identifier: gpt-4o-eu, liteLLMParams: {model: openai/gpt-4o-mini}}
        """);
    LiteLLMInstance invalid = awaitStatus(c, ns, "proxy", "Degraded InvalidSpec",
        i -> hasCondition(i, "Degraded", "True", "InvalidSpec"));
    assertTrue(condition(invalid, "Degraded").getMessage().contains("gpt-4o-eu"), condition(invalid, "Degraded")
        .getMessage());
    assertTrue(hasCondition(invalid, "Ready", "True", "Ready"), "the last good proxy keeps serving");
    eventually("Warning event InvalidSpec", WAIT, () -> c.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())
            && e.getMessage().contains("gpt-4o-eu")));

    // An unparsable cost.
    replaceSpec(ns, """
        replicas: 1
        models:
          - {modelName: gpt-4o, identifier: gpt-4o-eu, liteLLMParams: {model: openai/gpt-4o, inputCostPerToken: "cheap"}}
        """);
    LiteLLMInstance cost = awaitStatus(c, ns, "proxy", "Degraded InvalidSpec about the cost",
        i -> hasCondition(i, "Degraded", "True", "InvalidSpec")
            && condition(i, "Degraded").getMessage().contains("inputCostPerToken"));
    assertNotNull(cost);

    // A missing Secret, then a missing key: DependencyMissing, naming it.
    replaceSpec(ns, """
        replicas: 1
        models:
          - modelName: gpt-4o
            identifier: gpt-4o-eu
            requiresAuth: true
            modelCredentials: {nameRef: openai-creds, keys: {apiKey: api-key}}
            liteLLMParams: {model: openai/gpt-4o}
        """);
    awaitStatus(c, ns, "proxy", "Degraded DependencyMissing", i -> hasCondition(i, "Degraded", "True",
        "DependencyMissing") && condition(i, "Degraded").getMessage().contains("openai-creds"));
    SandboxFixture.secret(c, ns, "openai-creds", Map.of("wrong-key", "x"));
    awaitStatus(c, ns, "proxy", "DependencyMissing on the key", i -> hasCondition(i, "Degraded", "True",
        "DependencyMissing") && condition(i, "Degraded").getMessage().contains("api-key"));

    assertEquals(configVersion, get(c, ConfigMap.class, ns, "proxy-config").getMetadata().getResourceVersion(),
        "the last applied ConfigMap stays untouched");
    assertEquals(deploymentVersion, get(c, Deployment.class, ns, "proxy-deployment").getMetadata()
        .getResourceVersion(), "the last applied Deployment stays untouched");

    // The Secret gets its key: the instance heals without a spec change.
    SandboxFixture.secret(c, ns, "openai-creds", Map.of("api-key", "sk-openai"));
    awaitStatus(c, ns, "proxy", "healed", i -> hasCondition(i, "Degraded", "False", "AsExpected")
        && hasCondition(i, "Ready", "True", "Ready"));
    String config = get(c, ConfigMap.class, ns, "proxy-config").getData().get("config.yaml");
    assertTrue(config.contains("os.environ/"), config);
    assertFalse(config.contains("sk-openai"), config);
  }

  @Test
  void deletingTheInstanceLeavesItsChildrenToTheGarbageCollector() {
    String ns = "life-delete";
    SandboxFixture.namespace(c, ns);
    LiteLLMInstance created = c.resource(instance(ns, "proxy", "ingress: {enabled: true, host: a.example.com}\n"))
        .create();
    awaitStatus(c, ns, "proxy", "Ready", i -> hasCondition(i, "Ready", "True", "Ready"));
    String uid = created.getMetadata().getUid();
    List<HasMetadata> children = List.of(
        get(c, ConfigMap.class, ns, "proxy-config"), get(c, Secret.class, ns, "proxy-secrets"),
        get(c, Deployment.class, ns, "proxy-deployment"), get(c, Service.class, ns, "proxy-service"),
        get(c, Ingress.class, ns, "proxy-ingress"));
    children.forEach(child -> {
      if (child instanceof Secret) {
        assertKept(child); // the salt key outlives the instance
      } else {
        assertOwnedBy(child, "proxy", uid);
      }
    });

    c.resources(LiteLLMInstance.class).inNamespace(ns).withName("proxy").delete();
    // No finalizer holds the instance: Kubernetes deletes the children through their controller ownerReference
    // (the embedded API server has no garbage collector; the real-cluster suite covers the cascade itself).
    eventually("instance gone", WAIT, () -> c.resources(LiteLLMInstance.class).inNamespace(ns).withName("proxy")
        .get() == null);
  }

  // ---- helpers shared with InstanceUpdateIT ----

  static LiteLLMInstance instance(String ns, String name, String specYaml) {
    String yaml = "apiVersion: litellm.litellm.ai/v1alpha1\nkind: LiteLLMInstance\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\nspec:\n" + specYaml.indent(2);
    return Serialization.unmarshal(yaml, LiteLLMInstance.class);
  }

  private void replaceSpec(String ns, String specYaml) {
    LiteLLMInstance next = instance(ns, "proxy", specYaml);
    edit(c, ns, "proxy", i -> {
      i.setSpec(next.getSpec());
      return i;
    });
  }

  /** Edits the instance like a user would; retried on 409 (the operator's status writes move resourceVersion). */
  static void edit(KubernetesClient c, String ns, String name, UnaryOperator<LiteLLMInstance> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        c.resources(LiteLLMInstance.class).inNamespace(ns).withName(name).edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  static void dbSecret(KubernetesClient c, String ns, String password) {
    SandboxFixture.secret(c, ns, "db", Map.of("host", "postgres:5432", "username", "litellm", "password", password,
        "dbname", "litellm"));
  }

  static <T extends HasMetadata> T get(KubernetesClient c, Class<T> type, String ns, String name) {
    return c.resources(type).inNamespace(ns).withName(name).get();
  }

  static LiteLLMInstance awaitStatus(KubernetesClient c, String ns, String name, String what,
      java.util.function.Predicate<LiteLLMInstance> test) {
    LiteLLMInstance[] seen = new LiteLLMInstance[1];
    eventually(what, WAIT, () -> {
      seen[0] = c.resources(LiteLLMInstance.class).inNamespace(ns).withName(name).get();
      return seen[0] != null && seen[0].getStatus() != null && seen[0].getStatus().conditions != null
          && test.test(seen[0]);
    }, () -> seen[0] == null ? "absent" : Serialization.asYaml(seen[0].getStatus()));
    return seen[0];
  }

  static boolean hasCondition(LiteLLMInstance i, String type, String status, String reason) {
    Condition cond = condition(i, type);
    return cond != null && status.equals(cond.getStatus()) && reason.equals(cond.getReason());
  }

  static Condition condition(LiteLLMInstance i, String type) {
    return i.getStatus() == null ? null : Conditions.find(i.getStatus().conditions, type).orElse(null);
  }

  static void assertOwnedBy(HasMetadata child, String owner, String uid) {
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    assertNotNull(refs, child.getKind() + " has ownerReferences");
    assertEquals(1, refs.size(), child.getKind());
    OwnerReference ref = refs.get(0);
    assertEquals("LiteLLMInstance", ref.getKind());
    assertEquals(owner, ref.getName());
    assertEquals(uid, ref.getUid());
    assertEquals(Boolean.TRUE, ref.getController());
    assertEquals(Boolean.TRUE, ref.getBlockOwnerDeletion());
  }

  static EnvVar env(List<EnvVar> env, String name) {
    return env.stream().filter(e -> name.equals(e.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no env var " + name));
  }

  /** The salt key Secret carries no ownerReference (garbage collection keeps it) and says it is kept. */
  static void assertKept(HasMetadata secret) {
    assertTrue(secret.getMetadata().getOwnerReferences() == null || secret.getMetadata().getOwnerReferences().isEmpty(),
        "the salt key Secret must outlive its instance");
    assertEquals("keep", secret.getMetadata().getAnnotations().get("litellm.litellm.ai/resource-policy"));
  }

  static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }
}
