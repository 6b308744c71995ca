package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.1: which instance a Model follows, when an instance cannot serve, and that its Models are enqueued on a
 * transition only (a rollout's Deployment updates cost no reconcile of every Model).
 */
class InstanceDependentsTest {
  private final Map<String, LiteLLMInstance> instances = new HashMap<>();
  private final Map<String, Deployment> deployments = new HashMap<>();
  private final List<ResourceEvent> published = new ArrayList<>();
  private final InstanceAvailability availability = new InstanceAvailability(
      (ns, n) -> instances.get(ns + "/" + n), (ns, n) -> deployments.get(ns + "/" + n));
  private final InstanceDependents dependents = new InstanceDependents(availability,
      key -> key.equals("ai/proxy") ? List.of("ai/m1", "team/m2") : List.of(), published::add);

  private static LiteLLMInstance instance(String ns, String name) {
    LiteLLMInstance i = new LiteLLMInstance();
    i.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    return i;
  }

  private static Deployment deployment(int replicas, Integer available) {
    return new DeploymentBuilder().withNewMetadata().withName("proxy-deployment").withGeneration(2L).endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec()
        .withNewStatus().withObservedGeneration(2L).withAvailableReplicas(available).endStatus().build();
  }

  private static ResourceEvent event(EventType type) {
    return new ResourceEvent("LiteLLMInstance", "ai", "proxy", "u", "1", 1, type, 0);
  }

  private static Model model(String ns, String instanceNs, String instance, String secret) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("m").build());
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = instance == null ? null : new InstanceRef(instanceNs, instance);
    m.getSpec().connectionRef.secretRef = secret == null ? null : new SecretRef(null, secret);
    return m;
  }

  @Test
  void aModelIsIndexedByTheInstanceItSyncsThrough() {
    assertEquals(List.of("ai/proxy"), InstanceDependents.indexValues(model("ai", null, "proxy", null)));
    assertEquals(List.of("shared/proxy"), InstanceDependents.indexValues(model("ai", "shared", "proxy", null)));
    assertEquals(List.of(), InstanceDependents.indexValues(model("ai", null, "proxy", "conn")), "the Secret wins");
    assertEquals(List.of(), InstanceDependents.indexValues(model("ai", null, null, null)));
  }

  @Test
  void anInstanceServesUnlessDeletingScaledToZeroOrWithoutAvailableReplica() {
    LiteLLMInstance inst = instance("ai", "proxy");
    assertNull(InstanceAvailability.whyNotServing(inst, null), "no Deployment yet: no evidence");
    assertNull(InstanceAvailability.whyNotServing(inst, new DeploymentBuilder().withNewMetadata().endMetadata()
        .withNewSpec().withReplicas(1).endSpec().build()), "not observed yet: no evidence");
    assertNull(InstanceAvailability.whyNotServing(inst, deployment(3, 1)), "a rollout with one replica serves");
    assertTrue(InstanceAvailability.whyNotServing(inst, deployment(0, 0)).contains("scaled to 0 replicas"));
    assertTrue(InstanceAvailability.whyNotServing(inst, deployment(2, null)).contains("no available replica"));
    inst.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertTrue(InstanceAvailability.whyNotServing(inst, deployment(1, 1)).contains("is being deleted"));
  }

  @Test
  void modelsAreEnqueuedOnTransitionsOnly() {
    instances.put("ai/proxy", instance("ai", "proxy"));
    deployments.put("ai/proxy-deployment", deployment(1, 1));
    assertEquals(0, dependents.changed(event(EventType.RESYNC)), "the initial list only records");

    deployments.put("ai/proxy-deployment", deployment(2, 1)); // a rollout: still serving
    assertEquals(0, dependents.changed(event(EventType.UPDATED)));
    assertTrue(published.isEmpty());

    deployments.put("ai/proxy-deployment", deployment(0, 0));
    assertEquals(2, dependents.changed(event(EventType.UPDATED)));
    assertEquals(List.of("m1", "m2"), published.stream().map(ResourceEvent::name).toList());
    assertTrue(published.stream().allMatch(e -> e.type() == EventType.UPDATED && e.generation() == 0));
    assertEquals(0, dependents.changed(event(EventType.UPDATED)), "still scaled to 0");

    instances.remove("ai/proxy");
    assertEquals(2, dependents.changed(event(EventType.DELETED)), "gone");
    assertEquals(0, dependents.remembered(), "a gone instance is forgotten");
    assertEquals(0, dependents.changed(event(EventType.UPDATED)), "its orphaned Deployment's updates are no news");

    instances.put("ai/proxy", instance("ai", "proxy"));
    deployments.put("ai/proxy-deployment", deployment(1, 1));
    assertEquals(2, dependents.changed(event(EventType.ADDED)), "created again");
    dependents.forgetNamespace("ai");
    assertEquals(0, dependents.remembered());
  }
}
