package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Metadata shared by every object an instance owns: name, namespace, common labels, controller ownerReference. */
public final class ObjectMetas {
  private ObjectMetas() {}

  public static ObjectMeta owned(LiteLLMInstance instance, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(instance.getMetadata().getNamespace())
        .withLabels(new java.util.LinkedHashMap<>(InstanceLabels.common(instance.getMetadata().getName())))
        .withOwnerReferences(OwnerReferences.controllerOf(instance))
        .build();
  }
}
