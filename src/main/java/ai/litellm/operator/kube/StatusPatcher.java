package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Writes the status subresource with a JSON merge patch. The patch carries no resourceVersion, so a status write never
 * fails with 409 because the spec or metadata moved meanwhile: the status is a pure function of what the reconcile saw,
 * and a newer reconcile will overwrite it. Callers decide whether a write is needed at all (status only on change).
 */
public final class StatusPatcher {
  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;

  public StatusPatcher(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
  }

  public <T extends HasMetadata> Future<Void> patch(Class<T> type, String namespace, String name, Object status) {
    String body = Serialization.asJson(Map.of("status", status));
    return limiter.write("patch", () -> bridge.call(() -> {
      client.resources(type).inNamespace(namespace).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), body);
      return null;
    }));
  }
}
