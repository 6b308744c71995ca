package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * Tells of changes to the Secrets something references (a Model's credentials or connection Secret), without caching
 * Secrets: an informer per watched namespace (or one for all), whose store keeps only the referenced Secrets' versions
 * ({@link SecretVersions}). On a change the Secret's read in the {@link SecretReader} is dropped first, so whoever is
 * told reads the new data, not a cached one. The namespaces follow the caller's own informers (namespace sharding:
 * a replica lists only Secrets of namespaces it owns).
 *
 * <p>fabric8 has no metadata-only informer, so lists and watch events still carry each Secret's data; it is parsed and
 * dropped at once. Lists are paged small ({@link #PAGE_SIZE}) because some Secrets are large (Helm keeps each release
 * in one).
 */
public final class SecretWatch {
  /** Secrets per page of a list: Helm release Secrets can hold a megabyte each. */
  static final long PAGE_SIZE = 100;

  private final InformerSet<Secret> informers;

  /**
   * @param referenced whether a Secret (namespace, name) is referenced now; asked on the informer's thread, must not
   *     block
   * @param changed told (namespace, name) of each change of a referenced Secret after the initial list; on the
   *     informer's thread, must not block
   */
  public SecretWatch(KubernetesClient client, SecretReader reads, BiPredicate<String, String> referenced,
      BiConsumer<String, String> changed) {
    BiConsumer<String, String> invalidateFirst = (namespace, name) -> {
      reads.invalidate(namespace, name);
      changed.accept(namespace, name);
    };
    this.informers = new InformerSet<>(client, Secret.class, Duration.ZERO, new IgnoredEvents<>())
        .withPageSize(PAGE_SIZE)
        .keptIn(informer -> new SecretVersions(referenced, informer::hasSynced, invalidateFirst));
  }

  /** Watches every namespace. Blocking until the initial list is in: call off the event loop. */
  public void startAllNamespaces() {
    informers.startAllNamespaces();
  }

  /** Watches one namespace (idempotent). Blocking until its initial list is in: call off the event loop. */
  public void start(String namespace) {
    informers.start(namespace);
  }

  public void stop(String namespace) {
    informers.stop(namespace);
  }

  public void stopAll() {
    informers.stopAll();
  }

  /** Referenced Secrets whose version is kept (the memory gauge). */
  public int kept() {
    return informers.size();
  }

  /** Whether every informer started is still watching (none stopped on its own). */
  public boolean allWatching() {
    return informers.allWatching();
  }

  public Map<String, String> stoppedInformers() {
    return informers.stoppedInformers();
  }
}
