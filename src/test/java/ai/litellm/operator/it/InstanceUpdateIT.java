package ai.litellm.operator.it;

import static ai.litellm.operator.it.InstanceLifecycleIT.WAIT;
import static ai.litellm.operator.it.InstanceLifecycleIT.edit;
import static ai.litellm.operator.it.InstanceLifecycleIT.env;
import static ai.litellm.operator.it.InstanceLifecycleIT.get;
import static ai.litellm.operator.it.InstanceLifecycleIT.hasCondition;
import static ai.litellm.operator.it.InstanceLifecycleIT.instance;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.KubeRequestLimiter;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changes after creation: every spec field reaches the children, pods roll exactly when something they read changed
 * (and never otherwise), the steady state costs no writes, and hand edits of owned fields are repaired while other
 * managers' additions are left alone.
 */
class InstanceUpdateIT {
  private static final String HASH = "litellm.litellm.ai/config-hash";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(InstanceLifecycleIT.config(), FakeLiteLLMOptions::new);
    c = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void everySpecFieldReachesTheChildren() {
    String ns = "upd-fields";
    SandboxFixture.namespace(c, ns);
    InstanceLifecycleIT.dbSecret(c, ns, "pw-1");
    SandboxFixture.secret(c, ns, "redis", Map.of("host", "redis", "port", "6379", "password", "redis-pw"));
    c.resource(instance(ns, "proxy", """
        replicas: 1
        ingress: {enabled: true, host: a.example.com}
        gateway: {enabled: true, host: gw-a.example.com}
        """)).create();
    ready(ns);
    String hash0 = configHash(ns);

    edit(c, ns, "proxy", i -> {
      i.getSpec().image = "ghcr.io/berriai/litellm-database:main-v1.75.0";
      return i;
    });
    eventually("image applied", WAIT, () -> "ghcr.io/berriai/litellm-database:main-v1.75.0".equals(container(ns)
        .getImage()));

    edit(c, ns, "proxy", i -> {
      i.getSpec().replicas = 3;
      return i;
    });
    eventually("replicas applied", WAIT, () -> deployment(ns).getSpec().getReplicas() == 3);
    assertEquals(hash0, configHash(ns), "a replica change does not restart the pods");

    edit(c, ns, "proxy", i -> {
      i.getSpec().models = instance(ns, "x", """
          models:
            - {modelName: claude, identifier: claude-eu, liteLLMParams: {model: anthropic/claude-sonnet-4}}
          """).getSpec().models;
      return i;
    });
    eventually("model in the config", WAIT, () -> config(ns).contains("model_name: \"claude\"")
        && config(ns).contains("id: \"claude-eu\""));
    // The Deployment is applied right after the ConfigMap: a config change rolls the pods.
    eventually("config hash moved", WAIT, () -> !hash0.equals(configHash(ns)));

    edit(c, ns, "proxy", i -> {
      i.getSpec().extraEnvVars = List.of(new EnvVarBuilder().withName("LITELLM_LOG").withValue("DEBUG").build(),
          new EnvVarBuilder().withName("STORE_MODEL_IN_DB").withValue("False").build());
      return i;
    });
    eventually("extra env applied", WAIT, () -> container(ns).getEnv().stream()
        .anyMatch(e -> "LITELLM_LOG".equals(e.getName())));
    List<EnvVar> env = container(ns).getEnv();
    assertEquals("DEBUG", env(env, "LITELLM_LOG").getValue());
    assertEquals("False", env(env, "STORE_MODEL_IN_DB").getValue(), "extraEnvVars override same-name defaults");
    assertEquals(1, env.stream().filter(e -> "STORE_MODEL_IN_DB".equals(e.getName())).count());

    edit(c, ns, "proxy", i -> {
      LiteLLMInstance refs = instance(ns, "x", """
          databaseSecretRef:
            nameRef: db
            keys: {hostSecret: host, usernameSecret: username, passwordSecret: password, dbnameSecret: dbname}
          redisSecretRef:
            nameRef: redis
            keys: {hostSecret: host, portSecret: port, passwordSecret: password}
          """);
      i.getSpec().databaseSecretRef = refs.getSpec().databaseSecretRef;
      i.getSpec().redisSecretRef = refs.getSpec().redisSecretRef;
      return i;
    });
    eventually("database and Redis env applied", WAIT, () -> container(ns).getEnv().stream()
        .anyMatch(e -> "REDIS_HOST".equals(e.getName())));
    env = container(ns).getEnv();
    for (String name : List.of("DATABASE_HOST", "DATABASE_USERNAME", "DATABASE_PASSWORD", "DATABASE_NAME")) {
      assertEquals("db", env(env, name).getValueFrom().getSecretKeyRef().getName(), name);
    }
    assertEquals("redis", env(env, "REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName());
    assertTrue(config(ns).contains("redis_host: \"os.environ/REDIS_HOST\""), config(ns));
    assertFalse(config(ns).contains("redis-pw"));

    edit(c, ns, "proxy", i -> {
      i.getSpec().ingress.host = "b.example.com";
      i.getSpec().gateway.host = "gw-b.example.com";
      return i;
    });
    eventually("hosts applied", WAIT, () -> "b.example.com".equals(get(c, Ingress.class, ns, "proxy-ingress")
        .getSpec().getRules().get(0).getHost())
        && List.of("gw-b.example.com").equals(get(c, HTTPRoute.class, ns, "proxy-route").getSpec().getHostnames()));
    ready(ns);
  }

  @Test
  void rotatingAReferencedSecretRollsThePodsOnceAndUnrelatedSecretChangesNever() {
    String ns = "upd-rotate";
    SandboxFixture.namespace(c, ns);
    InstanceLifecycleIT.dbSecret(c, ns, "pw-1");
    SandboxFixture.secret(c, ns, "unrelated", Map.of("token", "t-1"));
    c.resource(instance(ns, "proxy", """
        databaseSecretRef:
          nameRef: db
          keys: {hostSecret: host, usernameSecret: username, passwordSecret: password, dbnameSecret: dbname}
        """)).create();
    ready(ns);
    long generation = deployment(ns).getMetadata().getGeneration();
    String hash = configHash(ns);

    // Unrelated: another Secret's content, and a label on the referenced one (its resourceVersion moves, its data not).
    SandboxFixture.secret(c, ns, "unrelated", Map.of("token", "t-2"));
    c.secrets().inNamespace(ns).withName("db").edit(s -> {
      s.getMetadata().setLabels(Map.of("team", "platform"));
      return s;
    });
    toggleIngressAndWait(ns, true);
    assertEquals(hash, configHash(ns), "unrelated Secret changes do not touch the pod template");
    assertEquals(generation, deployment(ns).getMetadata().getGeneration());

    // Rotation: the password the pods read changes.
    InstanceLifecycleIT.dbSecret(c, ns, "pw-2");
    eventually("config hash moved", WAIT, () -> !hash.equals(configHash(ns)));
    String rotated = configHash(ns);
    toggleIngressAndWait(ns, false);
    assertEquals(rotated, configHash(ns));
    assertEquals(generation + 1, deployment(ns).getMetadata().getGeneration(), "exactly one roll");
    ready(ns);
  }

  @Test
  void theSteadyStateCostsNoWrites() {
    String ns = "upd-steady";
    SandboxFixture.namespace(c, ns);
    c.resource(instance(ns, "proxy", "replicas: 1\ningress: {enabled: true, host: s.example.com}\n")).create();
    ready(ns);
    KubeRequestLimiter kube = sandbox.operator().operator().kube().limiter();
    long applies = count(kube, "apply");

    // Metadata edits enqueue the instance; nothing it renders changed, so nothing is applied.
    for (int n = 0; n < 3; n++) {
      int round = n;
      edit(c, ns, "proxy", i -> {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("example.com/touched", Integer.toString(round));
        i.getMetadata().setAnnotations(annotations);
        return i;
      });
    }
    // A replica change afterwards is the marker that those reconciles are done (keys are reconciled in order).
    edit(c, ns, "proxy", i -> {
      i.getSpec().replicas = 2;
      return i;
    });
    eventually("replicas applied", WAIT, () -> deployment(ns).getSpec().getReplicas() == 2);
    awaitReadyWith(ns, 2);
    assertEquals(applies + 1, count(kube, "apply"), "only the Deployment was applied: " + kube.requestsByVerb());
  }

  @Test
  void handEditsOfOwnedFieldsAreRepairedAndOtherManagersAdditionsLeftAlone() {
    String ns = "upd-drift";
    SandboxFixture.namespace(c, ns);
    c.resource(instance(ns, "proxy", "replicas: 1\n")).create();
    ready(ns);
    KubeRequestLimiter kube = sandbox.operator().operator().kube().limiter();
    String image = container(ns).getImage();
    String config = config(ns);
    long applies = count(kube, "apply");

    // Someone else's annotation on the Service: not ours, kept, and no apply for it.
    c.services().inNamespace(ns).withName("proxy-service").edit(s -> {
      s.getMetadata().getAnnotations().put("example.com/monitored", "true");
      return s;
    });
    // A hand edit of a field we own: repaired.
    c.apps().deployments().inNamespace(ns).withName("proxy-deployment").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:hacked");
      return d;
    });
    eventually("image repaired", WAIT, () -> image.equals(container(ns).getImage()),
        () -> io.fabric8.kubernetes.client.utils.Serialization.asYaml(deployment(ns)));
    c.configMaps().inNamespace(ns).withName("proxy-config").edit(cm -> {
      cm.getData().put("config.yaml", "model_list: []\n");
      return cm;
    });
    eventually("config repaired", WAIT, () -> config.equals(config(ns)));
    ready(ns);
    assertEquals("true", get(c, Service.class, ns, "proxy-service").getMetadata().getAnnotations()
        .get("example.com/monitored"));
    assertEquals(applies + 2, count(kube, "apply"), "one apply per repaired object: " + kube.requestsByVerb());
  }

  // ---- helpers ----

  private static void ready(String ns) {
    awaitStatus(c, ns, "Ready", i -> hasCondition(i, "Ready", "True", "Ready")
        && hasCondition(i, "Progressing", "False", "Stable")
        && i.getStatus().observedGeneration == i.getMetadata().getGeneration());
  }

  private static void awaitReadyWith(String ns, int replicas) {
    awaitStatus(c, ns, "Ready with " + replicas, i -> hasCondition(i, "Ready", "True", "Ready")
        && condition(i).contains(replicas + "/" + replicas));
  }

  private static String condition(LiteLLMInstance i) {
    return InstanceLifecycleIT.condition(i, "Ready").getMessage();
  }

  private static void awaitStatus(KubernetesClient c, String ns, String what,
      java.util.function.Predicate<LiteLLMInstance> test) {
    InstanceLifecycleIT.awaitStatus(c, ns, "proxy", what, test);
  }

  /** Turns the ingress on or off and waits until the instance reports it: a reconcile has run since. */
  private static void toggleIngressAndWait(String ns, boolean on) {
    edit(c, ns, "proxy", i -> {
      i.getSpec().ingress = new ai.litellm.operator.api.Ingress();
      i.getSpec().ingress.enabled = on;
      i.getSpec().ingress.host = "t.example.com";
      return i;
    });
    awaitStatus(c, ns, "ingress " + on, i -> on == Boolean.TRUE.equals(i.getStatus().ingressCreated)
        && i.getStatus().observedGeneration == i.getMetadata().getGeneration());
    eventually("Ingress " + (on ? "present" : "absent"), WAIT,
        () -> on == (get(c, Ingress.class, ns, "proxy-ingress") != null));
  }

  private static long count(KubeRequestLimiter kube, String verb) {
    return kube.requestsByVerb().getOrDefault(verb, 0L);
  }

  private static Deployment deployment(String ns) {
    return get(c, Deployment.class, ns, "proxy-deployment");
  }

  private static io.fabric8.kubernetes.api.model.Container container(String ns) {
    return deployment(ns).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String configHash(String ns) {
    return deployment(ns).getSpec().getTemplate().getMetadata().getAnnotations().get(HASH);
  }

  private static String config(String ns) {
    return get(c, ConfigMap.class, ns, "proxy-config").getData().get("config.yaml");
  }

  static Secret secret(String ns, String name) {
    return get(c, Secret.class, ns, name);
  }
}
