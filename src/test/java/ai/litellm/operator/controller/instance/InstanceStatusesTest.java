package ai.litellm.operator.controller.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** The instance status as a function of what a reconcile observed. */
class InstanceStatusesTest {
  private static final InstanceStatuses.Children ALL = children(true, false, false, null);

  @Test
  void readyOnlyWhenTheDeploymentIsAvailableWithTheDesiredReplicas() {
    LiteLLMInstance inst = instance(3);
    LiteLLMInstanceStatus rolling = InstanceStatuses.observed(inst, ALL, deployment(3, 2, 3, 3), 3);
    assertCondition(rolling, "Ready", "False", "DeploymentNotAvailable");
    assertCondition(rolling, "Progressing", "True", "RollingOut");
    LiteLLMInstanceStatus stale = InstanceStatuses.observed(inst, ALL, deployment(4, 3, 3, 3), 3);
    assertCondition(stale, "Ready", "False", "DeploymentNotAvailable");
    LiteLLMInstanceStatus ready = InstanceStatuses.observed(inst, ALL, deployment(3, 3, 3, 3), 3);
    assertCondition(ready, "Ready", "True", "Ready");
    assertCondition(ready, "Progressing", "False", "Stable");
    assertCondition(ready, "Degraded", "False", "AsExpected");
    assertEquals(7L, ready.observedGeneration);
    assertTrue(ready.configMapCreated && ready.secretCreated && ready.deploymentCreated && ready.serviceCreated);
  }

  @Test
  void aMissingEnabledChildKeepsItNotReady() {
    var noIngress = new InstanceStatuses.Children(true, true, true, true, false, true, false, false, null);
    LiteLLMInstanceStatus s = InstanceStatuses.observed(instance(1), noIngress, deployment(1, 1, 1, 1), 1);
    assertCondition(s, "Ready", "False", "ChildrenMissing");
    assertTrue(Conditions.find(s.conditions, "Ready").orElseThrow().getMessage().contains("Ingress"));
    assertFalse(s.ingressCreated);
  }

  @Test
  void aMissingGatewayApiIsSaidInConditionsWhileTheRestIsApplied() {
    LiteLLMInstanceStatus s = InstanceStatuses.observed(instance(1), children(false, true, false,
        "the Gateway API is not installed"), deployment(1, 1, 1, 1), 1);
    assertCondition(s, "Ready", "False", "GatewayAPIUnavailable");
    assertCondition(s, "Degraded", "True", "GatewayAPIUnavailable");
    assertTrue(s.deploymentCreated && s.serviceCreated);
  }

  @Test
  void aFailureKeepsTheLastReadyAndSaysWhyInDegraded() {
    LiteLLMInstance inst = instance(1);
    inst.setStatus(InstanceStatuses.observed(inst, ALL, deployment(1, 1, 1, 1), 1));
    LiteLLMInstanceStatus failed = InstanceStatuses.failed(inst, "InvalidSpec", "duplicate model identifier \"x\"");
    assertCondition(failed, "Ready", "True", "Ready");
    assertCondition(failed, "Degraded", "True", "InvalidSpec");
    assertCondition(failed, "Progressing", "False", "InvalidSpec");
    assertTrue(failed.deploymentCreated);
  }

  @Test
  void changeIgnoresTimestampsOnly() {
    LiteLLMInstance inst = instance(1);
    LiteLLMInstanceStatus first = InstanceStatuses.stamp(InstanceStatuses.observed(inst, ALL, deployment(1, 1, 1, 1), 1));
    inst.setStatus(first);
    LiteLLMInstanceStatus again = InstanceStatuses.observed(inst, ALL, deployment(1, 1, 1, 1), 1);
    again.lastUpdated = "2099-01-01T00:00:00Z";
    assertFalse(InstanceStatuses.changed(first, again));
    LiteLLMInstanceStatus scaled = InstanceStatuses.observed(inst, ALL, deployment(1, 1, 0, 0), 1);
    assertTrue(InstanceStatuses.changed(first, scaled));
  }

  private static void assertCondition(LiteLLMInstanceStatus s, String type, String status, String reason) {
    Condition c = Conditions.find(s.conditions, type).orElseThrow(() -> new AssertionError("no " + type));
    assertEquals(status, c.getStatus(), type + ": " + c.getMessage());
    assertEquals(reason, c.getReason(), type + ": " + c.getMessage());
    assertFalse(c.getMessage().isBlank(), type);
  }

  private static InstanceStatuses.Children children(boolean ingress, boolean route, boolean routeExists,
      String routeProblem) {
    return new InstanceStatuses.Children(true, true, true, true, ingress, ingress, routeExists, route, routeProblem);
  }

  private static LiteLLMInstance instance(int replicas) {
    LiteLLMInstance i = new LiteLLMInstance();
    i.setMetadata(new ObjectMetaBuilder().withName("proxy").withNamespace("ns").withGeneration(7L).build());
    i.getSpec().replicas = replicas;
    return i;
  }

  private static Deployment deployment(long generation, long observed, int updated, int available) {
    return new DeploymentBuilder().withNewMetadata().withGeneration(generation).endMetadata()
        .withNewStatus().withObservedGeneration(observed).withUpdatedReplicas(updated).withAvailableReplicas(available)
        .endStatus().build();
  }
}
