package ai.litellm.operator.render;

import ai.litellm.operator.api.ApiGroup;
import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The controller ownerReference that lets the garbage collector delete an instance's children with it. */
public final class OwnerReferences {
  private OwnerReferences() {}

  public static OwnerReference controllerOf(LiteLLMInstance instance) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ApiGroup.API_VERSION)
        .withKind("LiteLLMInstance")
        .withName(instance.getMetadata().getName())
        .withUid(instance.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
