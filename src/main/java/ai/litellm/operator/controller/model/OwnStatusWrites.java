package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-own-writes for Model status. The informer cache learns of a status patch only when its watch event
 * arrives; a reconcile of the same key that runs before that (a resync, a requeue) would see the old status, think the
 * payload was never applied, and create it again (duplicate id → adopt → PATCH) and rewrite the status. So the status
 * last written is remembered together with the resourceVersion the cache showed when it was written, and is used
 * instead of the cached one only while the cache still shows that resourceVersion. As soon as the cache moves on (our
 * write, or anyone else's), the cache is the truth again and the entry is dropped.
 */
final class OwnStatusWrites {
  private record Written(String uid, String basedOnResourceVersion, ModelStatus status) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();

  void wrote(Model basedOn, ModelStatus status) {
    written.put(ModelReconciler.key(basedOn), new Written(basedOn.getMetadata().getUid(),
        basedOn.getMetadata().getResourceVersion(), status));
  }

  /** The Model as this operator last left it: the cached object, with our newer status if the cache lags. */
  Model latest(Model cached) {
    String key = ModelReconciler.key(cached);
    Written w = written.get(key);
    if (w == null) {
      return cached;
    }
    if (!Objects.equals(w.uid, cached.getMetadata().getUid())
        || !Objects.equals(w.basedOnResourceVersion, cached.getMetadata().getResourceVersion())) {
      written.remove(key, w);
      return cached;
    }
    Model view = new Model();
    view.setApiVersion(cached.getApiVersion());
    view.setKind(cached.getKind());
    view.setMetadata(cached.getMetadata());
    view.setSpec(cached.getSpec());
    view.setStatus(w.status);
    return view;
  }

  void forget(String key) {
    written.remove(key);
  }
}
