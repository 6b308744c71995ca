package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.InstanceLabels;
import ai.litellm.operator.render.ObjectMetas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Whether an existing object with a child's name is this instance's to write: one it controls (its ownerReference), or
 * the kept salt key Secret of an instance of the same name (labels and the keep annotation). Anything else — a user's
 * Secret that happens to be called {@code <name>-secrets}, another controller's Service — is never applied over:
 * server-side apply with force would take it over, and garbage collection would later delete it with the instance.
 */
final class ChildOwnership {
  private ChildOwnership() {}

  static boolean isOurs(HasMetadata live, LiteLLMInstance instance) {
    if (ServerSideApplier.controlledBy(live, instance.getMetadata().getUid())) {
      return true;
    }
    Map<String, String> labels = live.getMetadata().getLabels();
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    boolean keptByUs = labels != null && annotations != null
        && InstanceLabels.MANAGED_BY_VALUE.equals(labels.get(InstanceLabels.MANAGED_BY))
        && instance.getMetadata().getName().equals(labels.get(InstanceLabels.INSTANCE))
        && "keep".equals(annotations.get(ObjectMetas.RESOURCE_POLICY));
    boolean noOtherController = live.getMetadata().getOwnerReferences() == null
        || live.getMetadata().getOwnerReferences().stream().noneMatch(r -> Boolean.TRUE.equals(r.getController()));
    return keptByUs && noOtherController;
  }
}
