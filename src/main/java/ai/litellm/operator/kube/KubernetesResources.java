package ai.litellm.operator.kube;

import ai.litellm.operator.api.LeanCustomResource;
import ai.litellm.operator.kube.SecretReader.SecretData;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link KubernetesPort} of one custom resource kind, over the informer cache of that kind: finalizer and status
 * writes are asynchronous JSON patches ({@link AsyncJsonPatch}) through the "kubernetes-writes" limiter, and each
 * write is recorded in the cache's own-writes overlay with the resourceVersion the server returned.
 *
 * <ul>
 *   <li>Finalizers: a JSON patch whose first operation tests the resourceVersion the decision was made on, so a
 *       concurrent change by someone else (another finalizer added) fails with 422 and the reconcile retries, instead
 *       of a lost update.</li>
 *   <li>Status: one {@code add /status} without a resourceVersion test — the status is a pure function of what the
 *       reconcile saw and a newer reconcile overwrites it, so it never fails with a conflict. (A merge patch would do on
 *       a real API server, but the embedded mock merges lists instead of replacing them.)</li>
 * </ul>
 */
public final class KubernetesResources<T extends LeanCustomResource<?, ?>> implements KubernetesPort<T> {
  private final Class<T> type;
  private final InformerSet<T> cache;
  private final AsyncJsonPatch patcher;
  private final KubeRequestLimiter limiter;
  private final SecretReader secrets;
  private final EventRecorder events;

  public KubernetesResources(Class<T> type, InformerSet<T> cache, AsyncJsonPatch patcher, KubeRequestLimiter limiter,
      SecretReader secrets, EventRecorder events) {
    this.type = type;
    this.cache = cache;
    this.patcher = patcher;
    this.limiter = limiter;
    this.secrets = secrets;
    this.events = events;
  }

  @Override
  public T get(String namespace, String name) {
    return cache.get(namespace, name);
  }

  @Override
  public Future<T> addFinalizer(T obj) {
    if (Finalizers.of(obj).contains(Finalizers.NAME) && !Finalizers.hasGoOperators(obj)) {
      return Future.succeededFuture(obj);
    }
    return patchFinalizers(obj, Finalizers.withOurs(obj)); // the Go operator's, if any, becomes ours (issue #14.8)
  }

  @Override
  public Future<T> removeFinalizer(T obj) {
    if (!Finalizers.has(obj)) {
      return Future.succeededFuture(obj);
    }
    return patchFinalizers(obj, Finalizers.withoutOurs(obj));
  }

  private Future<T> patchFinalizers(T obj, List<String> finalizers) {
    ObjectMeta m = obj.getMetadata();
    String body = Serialization.asJson(List.of(
        Map.of("op", "test", "path", "/metadata/resourceVersion", "value", m.getResourceVersion()),
        Map.of("op", "add", "path", "/metadata/finalizers", "value", finalizers)));
    return limiter.write("patch", () -> patcher.patch(type, m.getNamespace(), m.getName(), null, body))
        .map(version -> recorded(obj, copy(obj, new ObjectMetaBuilder(m).withFinalizers(finalizers)
            .withResourceVersion(version).build(), obj.getStatus())));
  }

  @Override
  public Future<T> writeStatus(T obj, Object status) {
    ObjectMeta m = obj.getMetadata();
    String body = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    return limiter.write("patch", () -> patcher.patch(type, m.getNamespace(), m.getName(), "status", body))
        .map(version -> recorded(obj, copy(obj, new ObjectMetaBuilder(m).withResourceVersion(version).build(), status)));
  }

  @Override
  public Future<Optional<SecretData>> readSecret(String namespace, String name) {
    return secrets.read(namespace, name);
  }

  @Override
  public Future<Optional<SecretData>> readSecretFresh(String namespace, String name) {
    return secrets.readFresh(namespace, name);
  }

  @Override
  public Future<Void> event(T obj, EventMemo memo, EventSeverity severity, String reason, String message) {
    return events.record(obj, memo, severity.type(), reason, message);
  }

  private T recorded(T basedOn, T written) {
    cache.wrote(basedOn, written);
    return written;
  }

  /** A new object of the same kind sharing the spec (never mutated) with new metadata and status. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T extends LeanCustomResource<?, ?>> T copy(T obj, ObjectMeta metadata, Object status) {
    T view;
    try {
      view = (T) obj.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + obj.getClass(), e);
    }
    view.setMetadata(metadata);
    ((LeanCustomResource) view).setSpec(obj.getSpec());
    ((LeanCustomResource) view).setStatus(status);
    return view;
  }
}
