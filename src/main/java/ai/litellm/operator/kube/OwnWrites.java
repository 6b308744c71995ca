package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-own-writes for one informer cache (the idea of java-operator-sdk's {@code TemporaryResourceCache}). The
 * informer learns of the operator's own write (a finalizer, a status, an apply) a little later than the write returns;
 * a reconcile of the same key that runs in between would read the older object, decide again and write again (a
 * finalizer patch failing its resourceVersion test, a status "never applied", a second create in LiteLLM).
 *
 * <p>So every write records the object as the operator left it, carrying the resourceVersion the API server returned,
 * together with the resourceVersions it supersedes (the version the write was based on, and those of any earlier own
 * write it was chained on). A read answers with the recorded object while the informer still shows one of the
 * superseded versions. As soon as it shows anything else — our write arriving, or someone else's newer write — the
 * informer is the truth again and the entry is dropped. No resourceVersion is ever parsed or compared for order: they
 * stay opaque, as the API conventions ask.
 *
 * <p>Memory: an entry lives from a write until the informer's event for it (or any later event of the object); a
 * write that lets the API server remove the object (the last finalizer of a deleted object) keeps none;
 * {@link #forgetNamespace} drops the entries of a namespace whose informer stopped. Thread-safe.
 */
final class OwnWrites<T extends HasMetadata> {
  private record Entry<T>(T written, String uid, Set<String> superseded) {}

  private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

  /**
   * Records a write.
   *
   * @param basedOn the object the write was computed from (cached, or a view from an earlier own write); null when the
   *     write created it
   * @param written the object as the write left it, with the resourceVersion the API server returned
   */
  void wrote(T basedOn, T written) {
    String key = key(written);
    if (goneAfterWrite(written)) {
      // Our write removed the last finalizer of a deleted object: the API server has removed it. Its deletion event
      // may already have been delivered (it races the write's answer), so an entry kept now could never be dropped.
      entries.remove(key);
      return;
    }
    String basedOnVersion = basedOn == null ? null : basedOn.getMetadata().getResourceVersion();
    entries.compute(key, (k, old) -> {
      Set<String> superseded = new HashSet<>();
      if (old != null && Objects.equals(old.uid, uid(written))
          && Objects.equals(old.written.getMetadata().getResourceVersion(), basedOnVersion)) {
        superseded.addAll(old.superseded); // chained on our earlier write: the informer may still show any of them
      }
      if (basedOnVersion != null) {
        superseded.add(basedOnVersion);
      }
      return new Entry<>(written, uid(written), Set.copyOf(superseded));
    });
  }

  /**
   * The object to read: our written one while {@code cached} still shows a version it supersedes, or while the
   * informer has not seen the object at all yet (a deletion event drops the entry); else the cache.
   */
  T read(String key, T cached) {
    Entry<T> e = entries.get(key);
    if (e == null) {
      return cached;
    }
    if (cached == null || Objects.equals(e.uid, uid(cached))
        && e.superseded.contains(cached.getMetadata().getResourceVersion())) {
      return e.written;
    }
    entries.remove(key, e);
    return cached;
  }

  private static boolean goneAfterWrite(HasMetadata written) {
    return written.getMetadata().getDeletionTimestamp() != null
        && (written.getMetadata().getFinalizers() == null || written.getMetadata().getFinalizers().isEmpty());
  }

  /** The informer delivered {@code obj}: an entry it supersedes is no longer needed. */
  void observed(T obj) {
    String key = key(obj);
    Entry<T> e = entries.get(key);
    if (e != null && !(Objects.equals(e.uid, uid(obj)) && e.superseded.contains(obj.getMetadata().getResourceVersion()))) {
      entries.remove(key, e);
    }
  }

  /** The object is gone. */
  void deleted(T obj) {
    entries.remove(key(obj));
  }

  void forgetNamespace(String namespace) {
    String prefix = namespace + "/";
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  void clear() {
    entries.clear();
  }

  int size() {
    return entries.size();
  }

  static String key(HasMetadata obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  private static String uid(HasMetadata obj) {
    return obj.getMetadata().getUid();
  }
}
