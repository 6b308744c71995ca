package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that drops {@code metadata.managedFields} from every object it keeps: for kinds that are not this
 * API's but are cached in bulk and whose field ownership the operator never reads (the Secrets instances reference).
 * This API's own kinds skip managedFields while they are parsed ({@code api/LeanCustomResource}), which is cheaper
 * than dropping them here. Not for kinds whose field ownership matters (owned Deployments: see
 * controller/instance/ReplicasOwnership).
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
