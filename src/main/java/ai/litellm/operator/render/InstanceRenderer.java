package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * LiteLLMInstance + {@link ResolvedInstanceInputs} → every object the operator applies for it. Pure and
 * deterministic: the same inputs give byte-identical objects, so a hash of the result decides whether to write.
 */
public final class InstanceRenderer {
  private InstanceRenderer() {}

  /**
   * @throws InvalidSpecException when the spec is wrong
   * @throws DependencyMissingException when a referenced Secret/key or the Gateway setting is missing
   */
  public static RenderedInstance render(LiteLLMInstance instance, ResolvedInstanceInputs inputs) {
    InstanceValidator.validate(instance, inputs);
    String name = instance.getMetadata().getName();
    LiteLLMInstanceSpec spec = instance.getSpec();

    ProxyConfig config = ProxyConfigRenderer.render(name, spec);
    SortedMap<String, String> secretData = InstanceSecretRenderer.data(inputs, config);
    String configHash = ConfigHash.compute(config.yaml(), secretData, referencedVersions(spec, inputs));

    ConfigMap configMap = new ConfigMapBuilder()
        .withMetadata(ObjectMetas.owned(instance, InstanceNames.configMap(name)))
        .addToData(InstanceNames.CONFIG_KEY, config.yaml())
        .build();
    boolean ingress = spec.ingress != null && Boolean.TRUE.equals(spec.ingress.enabled);
    boolean gateway = spec.gateway != null && Boolean.TRUE.equals(spec.gateway.enabled);
    return new RenderedInstance(
        configMap,
        InstanceSecretRenderer.render(instance, secretData),
        DeploymentRenderer.render(instance, ProxyEnv.build(name, spec, config), configHash),
        ServiceRenderer.render(instance),
        ingress ? IngressRenderer.render(instance, inputs.settings()) : null,
        gateway ? HttpRouteRenderer.render(instance, inputs.settings().gatewayParent()) : null,
        configHash);
  }

  private static SortedMap<String, String> referencedVersions(LiteLLMInstanceSpec spec, ResolvedInstanceInputs inputs) {
    SortedMap<String, String> versions = new TreeMap<>();
    for (String secret : ReferencedSecrets.of(spec).keySet()) {
      versions.put(secret, inputs.secrets().get(secret).version());
    }
    return versions;
  }
}
