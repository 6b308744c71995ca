package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of a {@link SecretWatch} informer. Of the Secrets listed and watched it keeps only those something
 * references (asked at each event), and of each only namespace, name and resourceVersion: no data, labels or
 * annotations (a kubectl-applied Secret's last-applied annotation holds its data). Memory follows the referenced
 * Secrets, not the Secrets of the cluster.
 *
 * <p>It also says what changed, synchronously, on the informer's thread as fabric8 applies each event: a referenced
 * Secret with a new resourceVersion, created, deleted, or changed for the first time since it became referenced (it
 * was not kept then, so its change arrives as an add). The informer's initial list reports nothing ({@code listed} is
 * false until it is in): the Models are reconciled from their own initial list anyway. A handler could not tell the
 * two apart: fabric8 calls handlers later, on its own executor, when the list may already count as synced.
 */
final class SecretVersions implements ItemStore<Secret> {
  private static final Logger LOG = LoggerFactory.getLogger(SecretVersions.class);

  private final Map<String, Secret> kept = new ConcurrentHashMap<>();
  private final BiPredicate<String, String> referenced;
  private final BooleanSupplier listed;
  private final BiConsumer<String, String> changed;

  /**
   * @param referenced whether a Secret (namespace, name) is referenced now
   * @param listed whether the informer's initial list is in
   * @param changed told (namespace, name) of each change of a referenced Secret; must not block
   */
  SecretVersions(BiPredicate<String, String> referenced, BooleanSupplier listed, BiConsumer<String, String> changed) {
    this.referenced = referenced;
    this.listed = listed;
    this.changed = changed;
  }

  @Override
  public String getKey(Secret s) {
    return Cache.metaNamespaceKeyFunc(s);
  }

  @Override
  public Secret put(String key, Secret s) {
    String namespace = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    boolean wanted = referenced.test(namespace, name);
    Secret old = wanted ? kept.put(key, lean(s)) : kept.remove(key);
    if (wanted && listed.getAsBoolean() && (old == null
        || !Objects.equals(old.getMetadata().getResourceVersion(), s.getMetadata().getResourceVersion()))) {
      tell(namespace, name);
    }
    return old;
  }

  @Override
  public Secret remove(String key) {
    Secret old = kept.remove(key);
    int slash = key.indexOf('/');
    if (slash > 0 && listed.getAsBoolean()) {
      String namespace = key.substring(0, slash);
      String name = key.substring(slash + 1);
      if (old != null || referenced.test(namespace, name)) {
        tell(namespace, name);
      }
    }
    return old;
  }

  @Override
  public Stream<String> keySet() {
    return kept.keySet().stream();
  }

  @Override
  public Stream<Secret> values() {
    return kept.values().stream();
  }

  @Override
  public int size() {
    return kept.size();
  }

  @Override
  public Secret get(String key) {
    return kept.get(key);
  }

  private void tell(String namespace, String name) {
    try {
      changed.accept(namespace, name);
    } catch (RuntimeException e) {
      // never into fabric8's reflector: it would stop applying events
      LOG.warn("Secret {}/{} changed; telling its referrers failed: {}", namespace, name, e.toString());
    }
  }

  private static Secret lean(Secret s) {
    return new SecretBuilder().withNewMetadata().withNamespace(s.getMetadata().getNamespace())
        .withName(s.getMetadata().getName()).withResourceVersion(s.getMetadata().getResourceVersion()).endMetadata()
        .build();
  }
}
