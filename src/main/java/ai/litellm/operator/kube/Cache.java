package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;

/** Read access to an informer's cache: reconciles read the latest state here, never from the event. */
public interface Cache<T extends HasMetadata> {
  T get(String namespace, String name);

  List<T> list();

  boolean hasSynced();

  /** A cache whose informers are created after its readers (the reconciler exists before the informer set). */
  static <T extends HasMetadata> Cache<T> deferred(java.util.function.Supplier<? extends Cache<T>> target) {
    return new Cache<>() {
      @Override
      public T get(String namespace, String name) {
        Cache<T> c = target.get();
        return c == null ? null : c.get(namespace, name);
      }

      @Override
      public List<T> list() {
        Cache<T> c = target.get();
        return c == null ? List.of() : c.list();
      }

      @Override
      public boolean hasSynced() {
        Cache<T> c = target.get();
        return c != null && c.hasSynced();
      }
    };
  }

  static <T extends HasMetadata> Cache<T> of(SharedIndexInformer<T> informer) {
    return new Cache<>() {
      @Override
      public T get(String namespace, String name) {
        return informer.getStore().getByKey(namespace + "/" + name);
      }

      @Override
      public List<T> list() {
        return informer.getStore().list();
      }

      @Override
      public boolean hasSynced() {
        return informer.hasSynced();
      }
    };
  }
}
