package ai.litellm.operator.kube;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * A handler for informers whose changes are taken another way (e.g. by their store, see {@link SecretVersions}):
 * fabric8 requires a handler all the same.
 */
final class IgnoredEvents<T> implements ResourceEventHandler<T> {
  @Override
  public void onAdd(T obj) {}

  @Override
  public void onUpdate(T oldObj, T newObj) {}

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
}
