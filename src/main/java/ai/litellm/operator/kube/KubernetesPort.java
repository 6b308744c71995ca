package ai.litellm.operator.kube;

import ai.litellm.operator.kube.SecretReader.SecretData;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Everything a reconciler of primary resources of kind {@code T} asks of Kubernetes: read the latest object, its
 * finalizer, its status, the Secrets it references, and Events on it. Reconcilers depend on this interface only, so
 * their decisions are unit-tested with a mocked port (the way Strimzi mocks its resource operators) and the real
 * implementation ({@link KubernetesResources}) is tested once against an API server.
 *
 * <p>Writes complete with the object as the write left it (the new resourceVersion included), and reads see it until
 * the informer catches up (read-your-own-writes): a reconcile chains its next step on what a write returned.
 */
public interface KubernetesPort<T extends HasMetadata> {

  /** The latest object from the informer cache, or this operator's own newer write of it; null when absent. */
  T get(String namespace, String name);

  /** Adds the operator's finalizer unless present ({@link Finalizers#NAME}). */
  Future<T> addFinalizer(T obj);

  /** Removes the operator's finalizer if present. */
  Future<T> removeFinalizer(T obj);

  /** Replaces the status subresource; the caller writes only when the status changed. */
  Future<T> writeStatus(T obj, Object status);

  /** A Secret's decoded data, or empty when it does not exist (short-TTL cache, see {@link SecretReader}). */
  Future<Optional<SecretData>> readSecret(String namespace, String name);

  /** As {@link #readSecret}, but read from the API server now (never from a cache). */
  Future<Optional<SecretData>> readSecretFresh(String namespace, String name);

  /**
   * Records an Event on the object, or counts a repeat on the Event {@code memo} remembers (at most once per
   * {@link EventMemo#REPEAT_INTERVAL}; see {@link EventRecorder}). Best effort: never fails.
   *
   * @param memo the Events recently written on the object: its key's
   */
  Future<Void> event(T obj, EventMemo memo, EventSeverity severity, String reason, String message);

  /** Kubernetes Event types. */
  enum EventSeverity {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String type;

    EventSeverity(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }
}
