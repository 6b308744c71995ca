package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;

/** {@code <n>-route} (gateway.networking.k8s.io/v1): hostnames [host], parent from settings, → {@code <n>-service}:4000. */
public final class HttpRouteRenderer {
  private HttpRouteRenderer() {}

  public static HTTPRoute render(LiteLLMInstance instance, GatewayParentRef parent) {
    String name = instance.getMetadata().getName();
    return new HTTPRouteBuilder()
        .withMetadata(ObjectMetas.owned(instance, InstanceNames.httpRoute(name)))
        .withNewSpec()
          .addNewParentRef()
            .withName(parent.name())
            .withNamespace(blankToNull(parent.namespace()))
            .withSectionName(blankToNull(parent.sectionName()))
          .endParentRef()
          .withHostnames(instance.getSpec().gateway.host)
          .addNewRule()
            .addNewMatch().withNewPath().withType("PathPrefix").withValue("/").endPath().endMatch()
            .addNewBackendRef()
              .withName(InstanceNames.service(name))
              .withPort(InstanceNames.PORT)
            .endBackendRef()
          .endRule()
        .endSpec()
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
