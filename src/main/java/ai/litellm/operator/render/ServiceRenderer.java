package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** {@code <n>-service}: ClusterIP, port 4000 (http) → the pods' http port; the URL Models use for instanceRef. */
public final class ServiceRenderer {
  private ServiceRenderer() {}

  public static Service render(LiteLLMInstance instance) {
    String name = instance.getMetadata().getName();
    return new ServiceBuilder()
        .withMetadata(ObjectMetas.owned(instance, InstanceNames.service(name)))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(new java.util.LinkedHashMap<>(InstanceLabels.selector(name)))
          .addNewPort()
            .withName(InstanceNames.PORT_NAME)
            .withProtocol("TCP")
            .withPort(InstanceNames.PORT)
            .withTargetPort(new IntOrString(InstanceNames.PORT))
          .endPort()
        .endSpec()
        .build();
  }
}
