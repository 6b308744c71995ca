package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The skip decision of {@link ServerSideApplier}: apply exactly when the live object lacks what we would send. */
class ServerSideApplierSkipTest {

  @Test
  void liveAsAppliedPlusServerDefaultsAndOtherManagersFieldsIsUpToDate() {
    Deployment desired = withHash(desired());
    Deployment live = Serialization.clone(desired);
    live.getMetadata().setResourceVersion("42");
    live.getMetadata().setUid("u-1");
    live.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
    live.getSpec().setRevisionHistoryLimit(10);
    live.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
    live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .add(new io.fabric8.kubernetes.api.model.EnvVar("INJECTED_BY_WEBHOOK", "1", null));
    live.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
    assertTrue(ServerSideApplier.upToDate(desired, live));
  }

  @Test
  void aHandEditOfAnOwnedFieldIsNotUpToDate() {
    Deployment desired = withHash(desired());
    Deployment live = Serialization.clone(desired);
    live.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:hacked");
    assertFalse(ServerSideApplier.upToDate(desired, live));
  }

  @Test
  void aRemovedLabelOrEnvVarIsNotUpToDate() {
    Deployment desired = withHash(desired());
    Deployment live = Serialization.clone(desired);
    live.getMetadata().getLabels().remove("app.kubernetes.io/instance");
    assertFalse(ServerSideApplier.upToDate(desired, live));
    Deployment live2 = Serialization.clone(desired);
    live2.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().remove(0);
    assertFalse(ServerSideApplier.upToDate(desired, live2));
  }

  @Test
  void aFinalizerRemovedFromTheLiveObjectIsNotUpToDate() {
    // The instance's keys Secret: its finalizer is released when its instance is deleted, and a re-created instance of
    // the same name must put it back although the configuration (and its hash) did not change.
    Deployment desired = desired();
    desired.getMetadata().setFinalizers(java.util.List.of("litellm.litellm.ai/finalizer"));
    desired = withHash(desired);
    Deployment live = Serialization.clone(desired);
    assertTrue(ServerSideApplier.upToDate(desired, live));
    live.getMetadata().setFinalizers(java.util.List.of());
    assertFalse(ServerSideApplier.upToDate(desired, live));
  }

  @Test
  void aNewDesiredConfigurationIsNotUpToDateEvenWhenLiveContainsIt() {
    // The live object holds a field we no longer send: only the hash tells, and the apply removes it.
    Deployment live = withHash(desired());
    Deployment next = desired();
    next.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().remove(1);
    assertFalse(ServerSideApplier.upToDate(withHash(next), live));
  }

  @Test
  void absentLiveIsNeverUpToDate() {
    assertFalse(ServerSideApplier.upToDate(withHash(desired()), null));
  }

  @Test
  void containsTreatsNumbersByValueAndEmptyCollectionsAsAbsent() {
    assertTrue(ServerSideApplier.contains(4000L, 4000));
    assertTrue(ServerSideApplier.contains(null, new JsonObject()));
    assertTrue(ServerSideApplier.contains(null, new JsonArray()));
    assertFalse(ServerSideApplier.contains(null, new JsonArray().add(1)));
    assertTrue(ServerSideApplier.contains(new JsonArray().add(1).add(2).add(3), new JsonArray().add(1).add(3)));
    assertFalse(ServerSideApplier.contains(new JsonArray().add(3).add(1), new JsonArray().add(1).add(3)));
    assertFalse(ServerSideApplier.contains("a", new JsonObject().put("x", 1)));
  }

  private static Deployment desired() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("proxy-deployment").withNamespace("ns")
          .withLabels(Map.of("app.kubernetes.io/name", "litellm", "app.kubernetes.io/instance", "proxy"))
        .endMetadata()
        .withNewSpec().withReplicas(2)
          .withNewTemplate().withNewSpec()
            .addNewContainer().withName("litellm").withImage("litellm:1")
              .addNewEnv().withName("A").withValue("1").endEnv()
              .addNewEnv().withName("B").withValue("2").endEnv()
              .addNewPort().withContainerPort(4000).endPort()
            .endContainer()
          .endSpec().endTemplate()
        .endSpec().build();
  }

  private static Deployment withHash(Deployment d) {
    Deployment copy = Serialization.clone(d);
    copy.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(ServerSideApplier.APPLIED_HASH,
        ServerSideApplier.hashOf(d))));
    return copy;
  }

}
