package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitInstanceReady;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.SecretData;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The salt key encrypts every credential LiteLLM stores in its database: it is never silently regenerated for an
 * instance that has run, its deletion is held while the instance exists, it outlives the instance (garbage collection
 * keeps it, as Helm's resource-policy keep does), and a re-created instance of the same name adopts it. An object the operator does not own is never taken over.
 */
@RealCluster
class SaltKeyRealClusterTest {
  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void start(RealControlPlane cp, KubernetesClient client) throws Exception {
    admin = client;
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    operator.start(RealOperator.testConfig());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private static Secret secret(String ns, String name) {
    return admin.secrets().inNamespace(ns).withName(name).get();
  }

  private static String reason(String ns, String name, String type) {
    LiteLLMInstance i = Fixtures.getInstance(admin, ns, name);
    return i == null || i.getStatus() == null ? null
        : Conditions.find(i.getStatus().conditions, type).map(c -> c.getReason()).orElse(null);
  }

  private static String configHash(String ns, String name) {
    Deployment d = admin.apps().deployments().inNamespace(ns).withName(InstanceNames.deployment(name)).get();
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(InstanceNames.CONFIG_HASH_ANNOTATION);
  }

  @Test
  void aMissingSaltKeyIsReportedNeverRegeneratedAndTheKeyOutlivesItsInstance() {
    String ns = "salt";
    ClusterSetup.namespace(admin, ns);
    admin.resource(Fixtures.instance(ns, "keeper")).create();
    awaitInstanceReady(admin, ns, "keeper");
    String secretName = InstanceNames.secret("keeper");
    Secret original = secret(ns, secretName);
    String salt = SecretData.decode(original).get(InstanceNames.SALT_KEY);
    String hashBefore = configHash(ns, "keeper");

    // A plain delete is held by the operator's finalizer while the instance exists (its Models may still need the
    // master key, issue #14.2): the keys stay readable and nothing changes.
    assertTrue(Finalizers.has(original), "the keys Secret carries the operator's finalizer");
    admin.secrets().inNamespace(ns).withName(secretName).delete();
    eventually("the deletion is held", ClusterSetup.WAIT,
        () -> secret(ns, secretName).getMetadata().getDeletionTimestamp() != null);
    assertEquals(salt, SecretData.decode(secret(ns, secretName)).get(InstanceNames.SALT_KEY));
    // Lost for good: someone removes the finalizer by hand.
    admin.secrets().inNamespace(ns).withName(secretName).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    eventually("SaltKeyMissing reported", ClusterSetup.WAIT, () -> "SaltKeyMissing".equals(reason(ns, "keeper", "Degraded"))
        || "SaltKeyMissing".equals(reason(ns, "keeper", "Ready")), () -> Fixtures.yaml(
            Fixtures.getInstance(admin, ns, "keeper")));
    assertNull(secret(ns, secretName), "no new salt key was generated");
    assertEquals(hashBefore, configHash(ns, "keeper"), "nothing rolled: the pods keep the salt key they have");
    assertTrue(admin.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> "SaltKeyMissing".equals(e.getReason()) && "keeper".equals(e.getInvolvedObject().getName())));

    // Restored from backup (as docs/operations.md says): the instance heals with the same key.
    admin.resource(new SecretBuilder(original).editMetadata().withResourceVersion(null).withUid(null)
        .withCreationTimestamp(null).withDeletionTimestamp(null).withManagedFields().endMetadata().build()).create();
    awaitInstanceReady(admin, ns, "keeper");
    assertEquals(salt, SecretData.decode(secret(ns, secretName)).get(InstanceNames.SALT_KEY));

    // Deleting the instance garbage-collects its children but keeps the salt key; a new instance adopts it.
    admin.resource(Fixtures.getInstance(admin, ns, "keeper")).delete();
    eventually("children collected", ClusterSetup.WAIT, () -> admin.apps().deployments().inNamespace(ns)
        .withName(InstanceNames.deployment("keeper")).get() == null);
    assertNotNull(secret(ns, secretName), "the salt key Secret outlived its instance");
    eventually("the instance's deletion released the Secret", ClusterSetup.WAIT,
        () -> !Finalizers.has(secret(ns, secretName)));
    admin.resource(Fixtures.instance(ns, "keeper")).create();
    awaitInstanceReady(admin, ns, "keeper");
    assertEquals(salt, SecretData.decode(secret(ns, secretName)).get(InstanceNames.SALT_KEY),
        "the re-created instance adopted the kept salt key");
    eventually("and holds it again", ClusterSetup.WAIT, () -> Finalizers.has(secret(ns, secretName)));
  }

  @Test
  void anObjectTheOperatorDoesNotOwnIsNeverTakenOver() {
    String ns = "taken";
    ClusterSetup.namespace(admin, ns);
    admin.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(InstanceNames.secret("proxy"))
        .endMetadata().withStringData(Map.of("db-password", "users-own")).build()).create();
    admin.resource(Fixtures.instance(ns, "proxy")).create();

    eventually("ChildConflict reported", ClusterSetup.WAIT, () -> "ChildConflict".equals(reason(ns, "proxy", "Degraded"))
        || "ChildConflict".equals(reason(ns, "proxy", "Ready")));
    Secret users = secret(ns, InstanceNames.secret("proxy"));
    assertEquals(Map.of("db-password", "users-own"), SecretData.decode(users), "the user's Secret is unchanged");
    assertTrue(users.getMetadata().getOwnerReferences() == null || users.getMetadata().getOwnerReferences().isEmpty(),
        "no ownerReference was added: garbage collection would delete the user's Secret with the instance");
    assertNull(admin.apps().deployments().inNamespace(ns).withName(InstanceNames.deployment("proxy")).get(),
        "nothing was applied");
  }
}
