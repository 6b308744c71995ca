package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.LiteLLMInstance;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Where the proxy of a LiteLLMInstance answers. In a cluster that is its Service on port 4000; the sandbox maps every
 * instance to a fake LiteLLM proxy of its own.
 */
@FunctionalInterface
public interface InstanceEndpoints {
  Future<String> baseUrl(LiteLLMInstance instance, String masterKey);

  /**
   * Whether the instance's proxy is its own Deployment's pods, so that the Deployment's replicas say whether it serves
   * (issue #14.1). Not for an instance whose URL {@link #withOverrides} replaces.
   */
  default boolean servedByDeployment(String namespace, String name) {
    return true;
  }

  /** The instance's Service DNS name (see render/DESIGN.md for the object names). */
  static InstanceEndpoints clusterDns(String clusterDomain) {
    return (instance, masterKey) -> Future.succeededFuture("http://" + instance.getMetadata().getName() + "-service."
        + instance.getMetadata().getNamespace() + ".svc." + clusterDomain + ":4000");
  }

  /**
   * Instances listed in {@code urls} (keyed {@code namespace/name}) answer at the given URL, every other one where
   * {@code fallback} says: for an operator outside the cluster (port-forwards) and the benchmark's separate operator
   * process.
   */
  static InstanceEndpoints withOverrides(Map<String, String> urls, InstanceEndpoints fallback) {
    Map<String, String> copy = Map.copyOf(urls);
    if (copy.isEmpty()) {
      return fallback;
    }
    return new InstanceEndpoints() {
      @Override
      public Future<String> baseUrl(LiteLLMInstance instance, String masterKey) {
        String url = copy.get(instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName());
        return url != null ? Future.succeededFuture(url) : fallback.baseUrl(instance, masterKey);
      }

      @Override
      public boolean servedByDeployment(String namespace, String name) {
        return !copy.containsKey(namespace + "/" + name) && fallback.servedByDeployment(namespace, name);
      }
    };
  }
}
