package ai.litellm.operator.kube;

import ai.litellm.operator.render.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generic resource operator for owned objects: server-side apply with the operator's field manager, skipped when
 * the rendered object is unchanged since the last apply and the live object has not moved since (its generation, or
 * its resourceVersion for kinds without one). Fields other managers own (an HPA's replicas, annotations others add) are
 * not in our applied configuration and stay theirs. Deletion only touches objects that carry our controller
 * ownerReference for the expected owner uid.
 */
public final class ServerSideApplier {
  public static final String FIELD_MANAGER = "litellm-operator";
  /** Annotation with the hash of the applied configuration: lets a restarted operator skip unchanged objects. */
  public static final String APPLIED_HASH = "litellm.litellm.ai/applied-hash";

  /** What was last applied to one object, and the live version right after. */
  private record Applied(String hash, String liveVersion) {}

  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  public ServerSideApplier(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
  }

  /** The result of one apply: whether a request was made, and the live object (as returned, or as cached). */
  public record Result(boolean written, HasMetadata live) {}

  /**
   * Applies {@code desired} unless nothing changed. {@code live} is the object from the informer cache (null when absent
   * or not cached).
   */
  public Future<Result> apply(HasMetadata desired, HasMetadata live) {
    String hash = hashOf(desired);
    String key = keyOf(desired);
    Applied last = applied.get(key);
    if (live != null) {
      String liveHash = annotation(live, APPLIED_HASH);
      boolean unchangedSinceOurApply = last != null && last.hash.equals(hash) && last.liveVersion.equals(versionOf(live));
      boolean restartedAndUnchanged = last == null && hash.equals(liveHash);
      if (unchangedSinceOurApply || restartedAndUnchanged) {
        applied.put(key, new Applied(hash, versionOf(live)));
        return Future.succeededFuture(new Result(false, live));
      }
    }
    HasMetadata toApply = withHash(desired, hash);
    return limiter.write("apply", () -> bridge.call(() ->
        client.resource(toApply).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply()))
        .map(result -> {
          applied.put(key, new Applied(hash, versionOf(result)));
          return new Result(true, result);
        });
  }

  /** Deletes the object if it exists and is controlled by {@code ownerUid}; true when a delete was sent. */
  public <T extends HasMetadata> Future<Boolean> deleteIfOwned(Class<T> type, String namespace, String name,
      String ownerUid) {
    return limiter.read("get", () -> bridge.call(() -> client.resources(type).inNamespace(namespace).withName(name).get()))
        .compose(live -> {
          if (live == null || !controlledBy(live, ownerUid)) {
            return Future.succeededFuture(false);
          }
          applied.remove(type.getSimpleName() + "/" + namespace + "/" + name);
          return limiter.write("delete", () -> bridge.call(() -> {
            client.resources(type).inNamespace(namespace).withName(name).delete();
            return true;
          }));
        });
  }

  public void forget(String kind, String namespace, String name) {
    applied.remove(kind + "/" + namespace + "/" + name);
  }

  public static boolean controlledBy(HasMetadata obj, String ownerUid) {
    if (obj.getMetadata().getOwnerReferences() == null) {
      return false;
    }
    for (OwnerReference ref : obj.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController()) && ownerUid.equals(ref.getUid())) {
        return true;
      }
    }
    return false;
  }

  static String versionOf(HasMetadata obj) {
    Long gen = obj.getMetadata().getGeneration();
    return gen != null && gen > 0 ? "g" + gen : "rv" + obj.getMetadata().getResourceVersion();
  }

  private static String keyOf(HasMetadata obj) {
    return obj.getClass().getSimpleName() + "/" + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  static String hashOf(HasMetadata obj) {
    return Sha256.hex(Serialization.asJson(obj)).substring(0, 32);
  }

  private static HasMetadata withHash(HasMetadata desired, String hash) {
    HasMetadata copy = Serialization.clone(desired);
    Map<String, String> annotations = new HashMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    annotations.put(APPLIED_HASH, hash);
    copy.getMetadata().setAnnotations(new java.util.TreeMap<>(annotations));
    return copy;
  }

  private static String annotation(HasMetadata obj, String name) {
    return obj.getMetadata().getAnnotations() == null ? null : obj.getMetadata().getAnnotations().get(name);
  }
}
