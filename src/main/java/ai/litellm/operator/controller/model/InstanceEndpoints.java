package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.LiteLLMInstance;
import io.vertx.core.Future;

/**
 * Where the proxy of a LiteLLMInstance answers. In a cluster that is its Service on port 4000; the sandbox maps every
 * instance to a fake LiteLLM proxy of its own.
 */
@FunctionalInterface
public interface InstanceEndpoints {
  Future<String> baseUrl(LiteLLMInstance instance, String masterKey);

  /** The instance's Service DNS name (see render/DESIGN.md for the object names). */
  static InstanceEndpoints clusterDns(String clusterDomain) {
    return (instance, masterKey) -> Future.succeededFuture("http://" + instance.getMetadata().getName() + "-service."
        + instance.getMetadata().getNamespace() + ".svc." + clusterDomain + ":4000");
  }
}
