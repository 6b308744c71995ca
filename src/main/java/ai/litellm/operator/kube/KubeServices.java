package ai.litellm.operator.kube;

import ai.litellm.operator.api.LeanCustomResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The Kubernetes side of one operator process, built once and shared by both controllers: the client, the one bridge
 * for blocking calls, the asynchronous patcher, the write limiter, the Secret reader and the Event recorder. Controllers
 * get their informers and their {@link KubernetesPort} from here.
 */
public record KubeServices(KubernetesClient client, BlockingBridge bridge, AsyncJsonPatch patcher,
    KubeRequestLimiter limiter, SecretReader secrets, EventRecorder events) {

  /** Informers of one kind (not started), whose handler learns the set's own "has synced" (see InformerSet#create). */
  public <T extends HasMetadata> InformerSet<T> informers(Class<T> type, Duration resync, Map<String, String> labels,
      Function<BooleanSupplier, ResourceEventHandler<T>> handlerFor) {
    return InformerSet.create(client, type, resync, labels, handlerFor);
  }

  /**
   * A watch on the Secrets {@code referenced} names (not started), which drops their cached reads and tells
   * {@code changed} when one changes (see {@link SecretWatch}).
   */
  public SecretWatch secretWatch(java.util.function.BiPredicate<String, String> referenced,
      java.util.function.BiConsumer<String, String> changed) {
    return new SecretWatch(client, secrets, referenced, changed);
  }

  /** The port of one custom resource kind over its informer cache. */
  public <T extends LeanCustomResource<?, ?>> KubernetesPort<T> port(Class<T> type, InformerSet<T> cache) {
    return new KubernetesResources<>(type, cache, patcher, limiter, secrets, events);
  }
}
