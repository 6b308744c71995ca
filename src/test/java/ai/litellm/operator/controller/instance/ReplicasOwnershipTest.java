package ai.litellm.operator.controller.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the operator stops applying spec.replicas (an autoscaler owns it) and when it repairs it (a hand edit). */
class ReplicasOwnershipTest {

  @Test
  void noAutoscalerMeansTheOperatorAppliesReplicas() {
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance(null), null));
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("litellm-operator", null, true))));
  }

  @Test
  void anHpaWritingThroughTheScaleSubresourceOwnsReplicas() {
    Deployment live = deployment(entry("litellm-operator", null, false), entry("kube-controller-manager", "scale", true));
    assertTrue(ReplicasOwnership.leftToAutoscaler(instance(null), live));
  }

  @Test
  void kedaOrAnyScaleSubresourceWriterOwnsReplicas() {
    assertTrue(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("keda-operator", "scale", true))));
  }

  @Test
  void theHpaControllerOnOldServersIsRecognisedByItsManagerName() {
    assertTrue(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("kube-controller-manager", null,
        true))));
  }

  @Test
  void aHandEditIsDriftNotAnAutoscaler() {
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("kubectl-edit", null, true))));
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("kubectl-client-side-apply", null,
        true))));
  }

  @Test
  void anAutoscalerEntryWithoutReplicasDoesNotCount() {
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance(null), deployment(entry("kube-controller-manager", null,
        false))));
  }

  @Test
  void theAnnotationDecidesEitherWay() {
    assertTrue(ReplicasOwnership.leftToAutoscaler(instance("true"), null));
    assertFalse(ReplicasOwnership.leftToAutoscaler(instance("false"),
        deployment(entry("kube-controller-manager", "scale", true))));
  }

  @Test
  void readyWaitsForTheAutoscalersCountWhenItOwnsReplicas() {
    LiteLLMInstance inst = instance(null);
    inst.getSpec().replicas = 2;
    Deployment live = deployment(entry("kube-controller-manager", "scale", true));
    live.getSpec().setReplicas(5);
    assertEquals(5, ReplicasOwnership.wanted(inst, live, true));
    assertEquals(2, ReplicasOwnership.wanted(inst, live, false));
    assertEquals(2, ReplicasOwnership.wanted(inst, null, true));
  }

  private static LiteLLMInstance instance(String annotation) {
    LiteLLMInstance i = new LiteLLMInstance();
    i.setMetadata(new ObjectMetaBuilder().withName("proxy").withNamespace("ns")
        .withAnnotations(annotation == null ? null : Map.of(ReplicasOwnership.ANNOTATION, annotation)).build());
    return i;
  }

  private static Deployment deployment(ManagedFieldsEntry... entries) {
    return new DeploymentBuilder().withNewMetadata().withName("proxy-deployment").withManagedFields(List.of(entries))
        .endMetadata().withNewSpec().withReplicas(1).endSpec().build();
  }

  /** A managedFields entry as the API server writes it (fieldsV1 parsed from its JSON form). */
  private static ManagedFieldsEntry entry(String manager, String subresource, boolean replicas) {
    String fields = replicas ? "{\"f:spec\":{\"f:replicas\":{}}}" : "{\"f:spec\":{\"f:template\":{}}}";
    return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(subresource == null ? "Update" : "Update")
        .withSubresource(subresource).withApiVersion("apps/v1").withFieldsType("FieldsV1")
        .withFieldsV1(Serialization.unmarshal(fields, io.fabric8.kubernetes.api.model.FieldsV1.class)).build();
  }
}
