package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that drops {@code metadata.managedFields} from every object it keeps. Each writer of a Model (the
 * user, the finalizer patch, the status patch) adds an entry with its field set; the controllers of primary resources
 * never read them, and at 100k Models they would be a large share of the cache's heap. Not for kinds whose field
 * ownership matters (owned Deployments: see controller/instance/ReplicasOwnership).
 */
final class LeanItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  LeanItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T obj) {
    if (obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
    }
    return super.put(key, obj);
  }
}
