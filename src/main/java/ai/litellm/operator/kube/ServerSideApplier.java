package ai.litellm.operator.kube;

import ai.litellm.operator.render.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generic resource operator for owned objects: server-side apply with the operator's field manager, skipped when
 * nothing would change. Fields other managers set (an HPA's replicas, annotations others add) are not in our applied
 * configuration, so SSA leaves them theirs, and the skip check ignores them too.
 *
 * <p>The skip decision needs no memory of earlier applies, so it holds across operator restarts. An apply is skipped
 * only when both hold for the live object (from the informer cache):
 * <ol>
 *   <li>its {@value #APPLIED_HASH} annotation equals the hash of the desired object: the last apply sent exactly this
 *       configuration, so no field we stopped sending still waits to be removed;</li>
 *   <li>every field of the desired object has the same value in the live object ({@link #contains}): nobody edited a
 *       field we own since (a hand edit is drift, and the apply repairs it).</li>
 * </ol>
 * Deletion only touches objects that carry our controller ownerReference for the expected owner uid.
 */
public final class ServerSideApplier {
  public static final String FIELD_MANAGER = "litellm-operator";
  /** Annotation with the hash of the applied configuration. */
  public static final String APPLIED_HASH = "litellm.litellm.ai/applied-hash";

  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;

  public ServerSideApplier(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
  }

  /** The result of one apply: whether a request was made, and the live object (as returned, or as cached). */
  public record Result(boolean written, HasMetadata live) {}

  /**
   * Applies {@code desired} unless the live object already is what it would produce. {@code live} is the object from
   * the informer cache (null when absent or not cached).
   */
  public Future<Result> apply(HasMetadata desired, HasMetadata live) {
    HasMetadata toApply = withHash(desired, hashOf(desired));
    if (upToDate(toApply, live)) {
      return Future.succeededFuture(new Result(false, live));
    }
    return limiter.write("apply", () -> bridge.call(() ->
        client.resource(toApply).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply()))
        .map(result -> new Result(true, result));
  }

  /** The object of the same kind, namespace and name as {@code desired} on the API server now; null when absent. */
  public Future<HasMetadata> current(HasMetadata desired) {
    return limiter.read("get", () -> bridge.call(() -> client.resource(desired).get()));
  }

  /** True when applying {@code desired} (hash annotation included) to {@code live} would change nothing. */
  static boolean upToDate(HasMetadata desiredWithHash, HasMetadata live) {
    if (live == null) {
      return false;
    }
    String want = annotation(desiredWithHash, APPLIED_HASH);
    if (want == null || !want.equals(annotation(live, APPLIED_HASH))) {
      return false;
    }
    return contains(comparable(live), comparable(desiredWithHash));
  }

  /**
   * Deletes {@code live} (an object from the informer cache) if it is controlled by {@code ownerUid}; true when a
   * delete was sent. A 404 (already gone) counts as done.
   */
  public Future<Boolean> deleteIfOwned(HasMetadata live, String ownerUid) {
    if (live == null || !controlledBy(live, ownerUid)) {
      return Future.succeededFuture(false);
    }
    return limiter.write("delete", () -> bridge.call(() -> {
      client.resource(live).delete();
      return true;
    }));
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

  static String hashOf(HasMetadata obj) {
    return Sha256.hex(Serialization.asJson(obj)).substring(0, 32);
  }

  /**
   * The parts of an object the comparison looks at: everything but the metadata the server owns (uid, resourceVersion,
   * managedFields, timestamps...) and the status. Of metadata, only what an applier sets: labels, annotations,
   * ownerReferences, finalizers.
   */
  private static JsonObject comparable(HasMetadata obj) {
    JsonObject json = new JsonObject(Serialization.asJson(obj));
    json.remove("status");
    JsonObject meta = json.getJsonObject("metadata", new JsonObject());
    JsonObject kept = new JsonObject();
    for (String field : List.of("name", "namespace", "labels", "annotations", "ownerReferences", "finalizers")) {
      if (meta.containsKey(field)) {
        kept.put(field, meta.getValue(field));
      }
    }
    json.put("metadata", kept);
    return json;
  }

  /**
   * Whether {@code live} holds every value of {@code desired}: objects key by key (extra live keys are someone
   * else's, or server defaults), lists as an in-order subsequence (a list merged with another manager's items still
   * contains ours), scalars by value (numbers numerically). An empty desired object or list matches an absent one,
   * because the API server drops empty collections.
   */
  static boolean contains(Object live, Object desired) {
    if (desired == null) {
      return true;
    }
    if (desired instanceof JsonObject d) {
      if (live == null) {
        return d.isEmpty();
      }
      if (!(live instanceof JsonObject l)) {
        return false;
      }
      for (Map.Entry<String, Object> e : d) {
        if (!contains(l.getValue(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof JsonArray d) {
      if (live == null) {
        return d.isEmpty();
      }
      if (!(live instanceof JsonArray l)) {
        return false;
      }
      int next = 0;
      for (Object want : d) {
        while (next < l.size() && !contains(l.getValue(next), want)) {
          next++;
        }
        if (next == l.size()) {
          return false;
        }
        next++;
      }
      return true;
    }
    if (desired instanceof Number d && live instanceof Number l) {
      return new BigDecimal(d.toString()).compareTo(new BigDecimal(l.toString())) == 0;
    }
    return desired.equals(live);
  }

  private static HasMetadata withHash(HasMetadata desired, String hash) {
    HasMetadata copy = Serialization.clone(desired);
    Map<String, String> annotations = new TreeMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    annotations.put(APPLIED_HASH, hash);
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }

  private static String annotation(HasMetadata obj, String name) {
    return obj.getMetadata().getAnnotations() == null ? null : obj.getMetadata().getAnnotations().get(name);
  }
}
