package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The operator's finalizer on the objects whose deletion must wait for cleanup outside Kubernetes. */
public final class Finalizers {
  public static final String NAME = "litellm.litellm.ai/finalizer";

  private Finalizers() {}

  public static boolean has(HasMetadata obj) {
    return of(obj).contains(NAME);
  }

  static List<String> of(HasMetadata obj) {
    return obj.getMetadata().getFinalizers() == null ? List.of() : obj.getMetadata().getFinalizers();
  }
}
