package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small readers for the operator's pod template in a rendered Deployment. */
final class PodSpecs {
  private PodSpecs() {}

  static Container operatorContainer(Deployment deployment) {
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, containers.size(), "one container per operator pod");
    return containers.get(0);
  }

  /** Plain env values by name (valueFrom entries map to null). */
  static Map<String, String> env(Deployment deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar v : operatorContainer(deployment).getEnv()) {
      env.put(v.getName(), v.getValue());
    }
    return env;
  }

  static int containerPort(Container container, String name) {
    return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name)).getContainerPort();
  }
}
