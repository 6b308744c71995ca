package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.ServerSideApplier;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Set;

/**
 * Whether the operator applies {@code spec.replicas} of an instance's Deployment, or leaves the field to an autoscaler.
 *
 * <p>Under server-side apply a field belongs to whoever applies it: if the operator kept sending
 * {@code spec.replicas} (with force, as it does) it would reset an HPA's choice on every apply. So the operator omits
 * the field, and the autoscaler alone owns it, when
 * <ol>
 *   <li>the instance says so: annotation {@value #ANNOTATION}{@code : "true"} (works on any server); or</li>
 *   <li>the live Deployment's managedFields show an autoscaler owning {@code f:spec.f:replicas}: an entry written
 *       through the {@code scale} subresource (what the HPA controller, KEDA and {@code kubectl scale} use on
 *       Kubernetes ≥ 1.22) or by manager {@code kube-controller-manager} (the HPA controller on older servers).</li>
 * </ol>
 * A hand edit of {@code spec.replicas} by any other manager ({@code kubectl edit}, {@code kubectl apply}, …) is drift
 * and is repaired. {@value #ANNOTATION}{@code : "false"} overrides the detection and takes the field back (with force):
 * use it after removing an autoscaler whose ownership would otherwise linger in managedFields.
 */
final class ReplicasOwnership {
  static final String ANNOTATION = "litellm.litellm.ai/autoscaled";
  private static final Set<String> AUTOSCALER_MANAGERS = Set.of("kube-controller-manager");

  private ReplicasOwnership() {}

  /** True when the applied Deployment must not carry spec.replicas. */
  static boolean leftToAutoscaler(LiteLLMInstance instance, Deployment live) {
    Map<String, String> annotations = instance.getMetadata().getAnnotations();
    String explicit = annotations == null ? null : annotations.get(ANNOTATION);
    if ("true".equalsIgnoreCase(explicit)) {
      return true;
    }
    if ("false".equalsIgnoreCase(explicit)) {
      return false;
    }
    return live != null && autoscalerOwnsReplicas(live);
  }

  static boolean autoscalerOwnsReplicas(Deployment live) {
    var entries = live.getMetadata().getManagedFields();
    if (entries == null) {
      return false;
    }
    for (ManagedFieldsEntry e : entries) {
      boolean autoscaler = "scale".equals(e.getSubresource()) || AUTOSCALER_MANAGERS.contains(e.getManager());
      if (autoscaler && !ServerSideApplier.FIELD_MANAGER.equals(e.getManager()) && ownsReplicas(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownsReplicas(ManagedFieldsEntry e) {
    if (e.getFieldsV1() == null || e.getFieldsV1().getAdditionalProperties() == null) {
      return false;
    }
    Object spec = e.getFieldsV1().getAdditionalProperties().get("f:spec");
    return spec instanceof Map<?, ?> m && m.containsKey("f:replicas");
  }

  /** The replica count the instance's Ready condition waits for: the autoscaler's when it owns the field. */
  static int wanted(LiteLLMInstance instance, Deployment live, boolean leftToAutoscaler) {
    if (leftToAutoscaler && live != null && live.getSpec() != null && live.getSpec().getReplicas() != null) {
      return live.getSpec().getReplicas();
    }
    Integer r = instance.getSpec().replicas;
    return r == null ? ai.litellm.operator.api.LiteLLMInstanceSpec.DEFAULT_REPLICAS : r;
  }
}
