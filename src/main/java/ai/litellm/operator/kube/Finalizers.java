package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds and removes the operator's finalizer with a JSON patch that first tests the resourceVersion the decision was made
 * on: a concurrent change by someone else (another finalizer added) fails the patch and the reconcile retries, instead
 * of a lost update.
 *
 * <p>Read-your-own-writes: an addition is remembered with the resourceVersion it was based on. A reconcile that runs
 * again before the informer has delivered our patch (a retry after a failed step) sees the older version without the
 * finalizer; patching again would fail the resourceVersion test (422) and cost a retry. While the cache still shows
 * that version, the addition counts as done; once the cache moves on, the cache is the truth again.
 */
public final class Finalizers {
  public static final String NAME = "litellm.litellm.ai/finalizer";

  private final AsyncJsonPatch patcher;
  private final KubeRequestLimiter limiter;
  /** namespace/name → uid and resourceVersion our finalizer addition was based on. */
  private final Map<String, String[]> added = new java.util.concurrent.ConcurrentHashMap<>();

  public Finalizers(AsyncJsonPatch patcher, KubeRequestLimiter limiter) {
    this.patcher = patcher;
    this.limiter = limiter;
  }

  public static boolean has(HasMetadata obj) {
    return obj.getMetadata().getFinalizers() != null && obj.getMetadata().getFinalizers().contains(NAME);
  }

  public <T extends HasMetadata> Future<Void> add(Class<T> type, T obj) {
    String key = key(obj);
    String[] mine = added.get(key);
    if (has(obj)) {
      if (mine != null) {
        added.remove(key, mine);
      }
      return Future.succeededFuture();
    }
    String uid = obj.getMetadata().getUid();
    String rv = obj.getMetadata().getResourceVersion();
    if (mine != null) {
      if (Objects.equals(mine[0], uid) && Objects.equals(mine[1], rv)) {
        return Future.succeededFuture(); // added by us; the cache has not caught up yet
      }
      added.remove(key, mine); // the cache moved on without it (removed by someone, or a new object): add again
    }
    List<String> finalizers = new ArrayList<>(listOf(obj));
    finalizers.add(NAME);
    return patch(type, obj, finalizers).onSuccess(v -> added.put(key, new String[] {uid, rv}));
  }

  /** Drops what is remembered of an object that is gone. */
  public void forget(String namespace, String name) {
    added.remove(namespace + "/" + name);
  }

  private static String key(HasMetadata obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
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
