package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.InformerSet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * Caches of what the instances own (informers selected by the operator's managed-by label). Reconciles read live
 * state here, to skip unchanged applies and to compute status; the informers also enqueue the owning instance.
 *
 * @param routes null when the Gateway API is not installed
 */
record OwnedObjects(InformerSet<ConfigMap> configMaps, InformerSet<Secret> secrets,
    InformerSet<Deployment> deployments, InformerSet<Service> services, InformerSet<Ingress> ingresses,
    InformerSet<HTTPRoute> routes) {

  /** The cached object of the same kind, namespace and name as {@code desired}; null when absent. */
  HasMetadata liveOf(HasMetadata desired) {
    String ns = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    if (desired instanceof ConfigMap) {
      return configMaps.get(ns, name);
    } else if (desired instanceof Secret) {
      return secrets.get(ns, name);
    } else if (desired instanceof Deployment) {
      return deployments.get(ns, name);
    } else if (desired instanceof Service) {
      return services.get(ns, name);
    } else if (desired instanceof Ingress) {
      return ingresses.get(ns, name);
    } else if (desired instanceof HTTPRoute) {
      return routes == null ? null : routes.get(ns, name);
    }
    throw new IllegalArgumentException("not an owned kind: " + desired.getKind());
  }

  /**
   * Records what an apply returned, so the next reconcile compares against it even before the informer has it.
   *
   * @param before the cached object the apply was decided on (null when it created the object)
   */
  void wrote(HasMetadata before, HasMetadata after) {
    if (after instanceof ConfigMap c) {
      configMaps.wrote((ConfigMap) before, c);
    } else if (after instanceof Secret s) {
      secrets.wrote((Secret) before, s);
    } else if (after instanceof Deployment d) {
      deployments.wrote((Deployment) before, d);
    } else if (after instanceof Service s) {
      services.wrote((Service) before, s);
    } else if (after instanceof Ingress i) {
      ingresses.wrote((Ingress) before, i);
    } else if (after instanceof HTTPRoute r && routes != null) {
      routes.wrote((HTTPRoute) before, r);
    }
  }
}
