package ai.litellm.operator.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired children of one LiteLLMInstance.
 *
 * @param ingress null when spec.ingress is not enabled (the caller deletes an existing one)
 * @param httpRoute null when spec.gateway is not enabled (the caller deletes an existing one)
 * @param configHash the pod-template config hash (also on the Deployment)
 */
public record RenderedInstance(ConfigMap configMap, Secret secret, Deployment deployment, Service service,
    Ingress ingress, HTTPRoute httpRoute, String configHash) {

  /** Present objects in apply order: what the pods mount and read first, the Deployment, then what exposes it. */
  public List<HasMetadata> all() {
    List<HasMetadata> objects = new ArrayList<>(List.of(configMap, secret, deployment, service));
    if (ingress != null) {
      objects.add(ingress);
    }
    if (httpRoute != null) {
      objects.add(httpRoute);
    }
    return objects;
  }

  @Override
  public String toString() {
    // The Secret holds the master key: print names only.
    return "RenderedInstance" + all().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
