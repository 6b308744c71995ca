package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds and removes the operator's finalizer with a JSON patch that first tests the resourceVersion the decision was made
 * on: a concurrent change by someone else (another finalizer added) fails the patch and the reconcile retries, instead
 * of a lost update.
 */
public final class Finalizers {
  public static final String NAME = "litellm.litellm.ai/finalizer";

  private final AsyncJsonPatch patcher;
  private final KubeRequestLimiter limiter;

  public Finalizers(AsyncJsonPatch patcher, KubeRequestLimiter limiter) {
    this.patcher = patcher;
    this.limiter = limiter;
  }

  public static boolean has(HasMetadata obj) {
    return obj.getMetadata().getFinalizers() != null && obj.getMetadata().getFinalizers().contains(NAME);
  }

  public <T extends HasMetadata> Future<Void> add(Class<T> type, T obj) {
    if (has(obj)) {
      return Future.succeededFuture();
    }
    List<String> finalizers = new ArrayList<>(listOf(obj));
    finalizers.add(NAME);
    return patch(type, obj, finalizers);
  }

  public <T extends HasMetadata> Future<Void> remove(Class<T> type, T obj) {
    if (!has(obj)) {
      return Future.succeededFuture();
    }
    List<String> finalizers = new ArrayList<>(listOf(obj));
    finalizers.remove(NAME);
    return patch(type, obj, finalizers);
  }

  private <T extends HasMetadata> Future<Void> patch(Class<T> type, T obj, List<String> finalizers) {
    String body = Serialization.asJson(List.of(
        Map.of("op", "test", "path", "/metadata/resourceVersion", "value", obj.getMetadata().getResourceVersion()),
        Map.of("op", "add", "path", "/metadata/finalizers", "value", finalizers)));
    String ns = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    return limiter.write("patch", () -> patcher.patch(type, ns, name, null, body));
  }

  private static List<String> listOf(HasMetadata obj) {
    return obj.getMetadata().getFinalizers() == null ? List.of() : obj.getMetadata().getFinalizers();
  }
}
