package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Writes the status subresource with one JSON patch that sets the whole status ({@code add} replaces an existing
 * member). The patch carries no resourceVersion, so a status write never fails with 409 because the spec or metadata
 * moved meanwhile: the status is a pure function of what the reconcile saw, and a newer reconcile overwrites it.
 * (A JSON merge patch would do on a real API server, but the embedded mock merges lists instead of replacing them.)
 * Callers decide whether a write is needed at all: status is written only on change.
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
    String body = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    return limiter.write("patch", () -> bridge.call(() -> {
      client.resources(type).inNamespace(namespace).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON), body);
      return null;
    }));
  }
}
