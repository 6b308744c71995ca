package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
  private final AsyncJsonPatch patcher;
  private final KubeRequestLimiter limiter;

  public StatusPatcher(AsyncJsonPatch patcher, KubeRequestLimiter limiter) {
    this.patcher = patcher;
    this.limiter = limiter;
  }

  public <T extends HasMetadata> Future<Void> patch(Class<T> type, String namespace, String name, Object status) {
    String body = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    return limiter.write("patch", () -> patcher.patch(type, namespace, name, "status", body));
  }
}
