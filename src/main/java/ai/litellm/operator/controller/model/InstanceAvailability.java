package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.render.InstanceNames;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.function.BiFunction;

/**
 * Whether the LiteLLMInstance a Model references can serve it now (issue #14.1): a Model's Ready reflects its instance.
 * Not serving, on positive evidence only: the instance is being deleted, or its Deployment is scaled to 0 replicas
 * (spec.replicas 0, or an autoscaler's 0: the Deployment says what runs, whoever owns the field) or reports no
 * available replica (observed by the Deployment controller). A Deployment not created or not observed yet
 * is not evidence: the Model syncs as before and a dead proxy shows as {@code LiteLLMUnavailable}. A rollout keeps at
 * least one replica available, so Models do not flap with the instance's own Ready while it rolls.
 *
 * <p>Pure over the two caches (the instance informer and the instance controller's Deployment informer); the
 * messages are stable (no counts), so the status is written once per transition.
 */
final class InstanceAvailability {
  private final BiFunction<String, String, LiteLLMInstance> instances;
  private final BiFunction<String, String, Deployment> deployments;

  /** Whether the instance's proxy is its Deployment's pods (false: its URL is overridden, see InstanceEndpoints). */
  private final java.util.function.BiPredicate<String, String> servedByDeployment;

  InstanceAvailability(BiFunction<String, String, LiteLLMInstance> instances,
      BiFunction<String, String, Deployment> deployments) {
    this(instances, deployments, (ns, n) -> true);
  }

  InstanceAvailability(BiFunction<String, String, LiteLLMInstance> instances,
      BiFunction<String, String, Deployment> deployments,
      java.util.function.BiPredicate<String, String> servedByDeployment) {
    this.instances = instances;
    this.deployments = deployments;
    this.servedByDeployment = servedByDeployment;
  }

  /** Every instance serves (a test double, or a process without instance informers). */
  static InstanceAvailability always() {
    return new InstanceAvailability((ns, n) -> null, (ns, n) -> null);
  }

  /**
   * The key ({@code namespace/name}) of the instance the Model syncs through, or null when it uses a connection Secret
   * (which wins over {@code instanceRef}, as in {@link ConnectionResolver}) or names none.
   */
  static String referencedInstance(Model m) {
    ConnectionRef ref = m.getSpec() == null ? null : m.getSpec().connectionRef;
    if (ref == null || ref.secretRef != null && !blank(ref.secretRef.secretName) || ref.instanceRef == null
        || blank(ref.instanceRef.name)) {
      return null;
    }
    String ns = blank(ref.instanceRef.namespace) ? m.getMetadata().getNamespace() : ref.instanceRef.namespace;
    return ns + "/" + ref.instanceRef.name;
  }

  /** Why the Model's instance cannot serve it now; null when it can, or when the Model uses no instance. */
  String whyNotServing(Model m) {
    String key = referencedInstance(m);
    if (key == null) {
      return null;
    }
    int slash = key.indexOf('/');
    return whyNotServing(key.substring(0, slash), key.substring(slash + 1));
  }

  /** Whether the instance is in the cache. */
  boolean present(String namespace, String name) {
    return instances.apply(namespace, name) != null;
  }

  /** Why the instance cannot serve now; null when it can or when it is not in the cache (InstanceNotFound says so). */
  String whyNotServing(String namespace, String name) {
    LiteLLMInstance inst = instances.apply(namespace, name);
    if (inst == null) {
      return null;
    }
    // An instance whose URL is overridden (--instance-url: a port-forward, the bench's fake proxies) is served there,
    // so its Deployment's replicas are no evidence; a dead URL shows as LiteLLMUnavailable instead.
    Deployment d = servedByDeployment.test(namespace, name)
        ? deployments.apply(namespace, InstanceNames.deployment(name)) : null;
    return whyNotServing(inst, d);
  }

  static String whyNotServing(LiteLLMInstance inst, Deployment d) {
    String what = "LiteLLMInstance " + inst.getMetadata().getNamespace() + "/" + inst.getMetadata().getName();
    if (inst.getMetadata().getDeletionTimestamp() != null) {
      return what + " is being deleted";
    }
    if (d == null) {
      return null;
    }
    if (d.getSpec() != null && Integer.valueOf(0).equals(d.getSpec().getReplicas())) {
      return what + " is scaled to 0 replicas";
    }
    if (d.getStatus() != null && d.getStatus().getObservedGeneration() != null) {
      Integer available = d.getStatus().getAvailableReplicas();
      if (available == null || available == 0) {
        return what + " has no available replica (Deployment " + d.getMetadata().getName() + ")";
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
