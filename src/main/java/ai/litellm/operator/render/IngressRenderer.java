package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

/** {@code <n>-ingress} (networking/v1): host rule, path "/" Prefix → {@code <n>-service}:4000. */
public final class IngressRenderer {
  private IngressRenderer() {}

  public static Ingress render(LiteLLMInstance instance, OperatorSettings settings) {
    String name = instance.getMetadata().getName();
    return new IngressBuilder()
        .withMetadata(ObjectMetas.owned(instance, InstanceNames.ingress(name)))
        .withNewSpec()
          .withIngressClassName(blankToNull(settings.ingressClassName()))
          .addNewRule()
            .withHost(instance.getSpec().ingress.host)
            .withNewHttp()
              .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                  .withNewService()
                    .withName(InstanceNames.service(name))
                    .withNewPort().withNumber(InstanceNames.PORT).endPort()
                  .endService()
                .endBackend()
              .endPath()
            .endHttp()
          .endRule()
        .endSpec()
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
