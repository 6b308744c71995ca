package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.Cache;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;

/**
 * Caches of what the instances own (informers selected by the operator's managed-by label). Reconciles read live
 * state here, to skip unchanged applies and to compute status; the informers also enqueue the owning instance.
 *
 * @param routes empty when the Gateway API is not installed
 */
record OwnedObjects(Cache<ConfigMap> configMaps, Cache<Secret> secrets, Cache<Deployment> deployments,
    Cache<Service> services, Cache<Ingress> ingresses, Cache<HTTPRoute> routes) {

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
      return routes.get(ns, name);
    }
    throw new IllegalArgumentException("not an owned kind: " + desired.getKind());
  }

  /** A cache that never holds anything (for kinds the cluster does not serve). */
  static <T extends HasMetadata> Cache<T> none() {
    return new Cache<>() {
      @Override
      public T get(String namespace, String name) {
        return null;
      }

      @Override
      public List<T> list() {
        return List.of();
      }

      @Override
      public boolean hasSynced() {
        return true;
      }
    };
  }
}
