package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <n>-deployment}: one container running the LiteLLM proxy on port 4000 with the config mounted read-only,
 * probes as the LiteLLM Helm chart sets them (cold starts with DB migrations take minutes, hence the 300 s startup
 * window), a restricted security context, and the config-hash annotation on the pod template.
 */
public final class DeploymentRenderer {
  private DeploymentRenderer() {}

  /** Non-root uid/gid for the proxy; the image must tolerate running as it (the litellm non_root images do). */
  public static final long RUN_AS_USER = 1000L;

  public static Deployment render(LiteLLMInstance instance, List<EnvVar> env, String configHash) {
    String name = instance.getMetadata().getName();
    LiteLLMInstanceSpec spec = instance.getSpec();
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    podAnnotations.put(InstanceNames.CONFIG_HASH_ANNOTATION, configHash);
    return new DeploymentBuilder()
        .withMetadata(ObjectMetas.owned(instance, InstanceNames.deployment(name)))
        .withNewSpec()
          .withReplicas(spec.replicas == null ? LiteLLMInstanceSpec.DEFAULT_REPLICAS : spec.replicas)
          .withNewSelector().withMatchLabels(new LinkedHashMap<>(InstanceLabels.selector(name))).endSelector()
          .withNewTemplate()
            .withNewMetadata()
              .withLabels(new LinkedHashMap<>(InstanceLabels.common(name)))
              .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
              // The proxy never calls the Kubernetes API: no token, no service links polluting its env.
              .withAutomountServiceAccountToken(false)
              .withEnableServiceLinks(false)
              .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS_USER)
                .withRunAsGroup(RUN_AS_USER)
                .withFsGroup(RUN_AS_USER)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
              .endSecurityContext()
              .addNewContainer()
                .withName(InstanceNames.CONTAINER)
                .withImage(spec.image)
                .withArgs("--config", InstanceNames.CONFIG_DIR + "/" + InstanceNames.CONFIG_KEY,
                    "--port", Integer.toString(InstanceNames.PORT))
                .addNewPort()
                  .withName(InstanceNames.PORT_NAME)
                  .withContainerPort(InstanceNames.PORT)
                  .withProtocol("TCP")
                .endPort()
                .withEnv(env)
                .withLivenessProbe(probe("/health/liveliness", 30, 10, 3))
                .withReadinessProbe(probe("/health/readiness", 10, 5, 3))
                .withStartupProbe(probe("/health/readiness", 10, 5, 30))
                .addNewVolumeMount()
                  .withName(InstanceNames.CONFIG_VOLUME)
                  .withMountPath(InstanceNames.CONFIG_DIR)
                  .withReadOnly(true)
                .endVolumeMount()
                .withNewSecurityContext()
                  .withRunAsNonRoot(true)
                  .withAllowPrivilegeEscalation(false)
                  .withNewCapabilities().withDrop("ALL").endCapabilities()
                  .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
              .endContainer()
              .addNewVolume()
                .withName(InstanceNames.CONFIG_VOLUME)
                .withNewConfigMap().withName(InstanceNames.configMap(name)).endConfigMap()
              .endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static Probe probe(String path, int periodSeconds, int timeoutSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(InstanceNames.PORT_NAME)).endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(timeoutSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
