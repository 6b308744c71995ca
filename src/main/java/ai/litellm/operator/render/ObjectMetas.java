package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Metadata shared by every object an instance owns: name, namespace, common labels, controller ownerReference. */
public final class ObjectMetas {
  private ObjectMetas() {}

  /** Annotation on objects that outlive their instance, as Helm's {@code helm.sh/resource-policy: keep}. */
  public static final String RESOURCE_POLICY = "litellm.litellm.ai/resource-policy";

  /**
   * Metadata of an object the instance uses but does not own for garbage collection: the same labels, no
   * ownerReference, so deleting the instance keeps it (the salt key Secret: every credential LiteLLM stored in its
   * database is encrypted with that key). A re-created instance of the same name adopts it by its labels.
   */
  public static ObjectMeta kept(LiteLLMInstance instance, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(instance.getMetadata().getNamespace())
        .withLabels(new java.util.LinkedHashMap<>(InstanceLabels.common(instance.getMetadata().getName())))
        .withAnnotations(new java.util.LinkedHashMap<>(java.util.Map.of(RESOURCE_POLICY, "keep")))
        .build();
  }

  public static ObjectMeta owned(LiteLLMInstance instance, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(instance.getMetadata().getNamespace())
        .withLabels(new java.util.LinkedHashMap<>(InstanceLabels.common(instance.getMetadata().getName())))
        .withOwnerReferences(OwnerReferences.controllerOf(instance))
        .build();
  }
}
