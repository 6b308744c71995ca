package ai.litellm.operator.kube;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns informer callbacks into events on the log. Runs on fabric8's informer thread, so it only builds a small record
 * and hands it to the (non-blocking) publisher: no reconcile code ever runs here.
 *
 * <p>Classification, which drives the log's priority: the initial list and periodic resyncs (same resourceVersion) are
 * RESYNC; the start of a deletion (deletionTimestamp set) is DELETED, so it wakes a key parked by a permanent error;
 * a generation, label or annotation change is UPDATED (a label or annotation change without a generation change is
 * published without a generation, so it is fresh and wakes a parked key); status-only changes (including the
 * operator's own status writes) are dropped, since reconciles are level-triggered from the spec and the resync covers
 * anything missed. A {@code mapper} lets owned objects publish their owner's key instead of their own.
 */
public final class InformerPublisher<T extends HasMetadata> implements ResourceEventHandler<T> {
  private final String kind;
  private final Consumer<ResourceEvent> publish;
  private final BooleanSupplier synced;
  private final Function<T, ResourceEvent> mapper;
  private final boolean statusChangesMatter;

  private InformerPublisher(String kind, Consumer<ResourceEvent> publish, BooleanSupplier synced,
      Function<T, ResourceEvent> mapper, boolean statusChangesMatter) {
    this.kind = kind;
    this.publish = publish;
    this.synced = synced;
    this.mapper = mapper;
    this.statusChangesMatter = statusChangesMatter;
  }

  /** For primary resources: the object's own key; status-only updates are ignored. */
  public static <T extends HasMetadata> InformerPublisher<T> forPrimary(String kind, Consumer<ResourceEvent> publish,
      BooleanSupplier synced) {
    return new InformerPublisher<>(kind, publish, synced, null, false);
  }

  /**
   * For secondary resources (owned Deployments, referenced Secrets): {@code toOwner} gives the key of the primary to look
   * at, or null when none; every real change counts (a Deployment's status matters to its owner's Ready).
   */
  public static <T extends HasMetadata> InformerPublisher<T> forSecondary(String kind, Consumer<ResourceEvent> publish,
      BooleanSupplier synced, Function<T, ResourceEvent> toOwner) {
    return new InformerPublisher<>(kind, publish, synced, toOwner, true);
  }

  @Override
  public void onAdd(T obj) {
    emit(obj, synced.getAsBoolean() ? EventType.ADDED : EventType.RESYNC);
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    if (Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
      emit(newObj, EventType.RESYNC);
    } else if (oldObj.getMetadata().getDeletionTimestamp() == null
        && newObj.getMetadata().getDeletionTimestamp() != null) {
      // Deletion requested: as urgent as a deletion. Not every API server bumps the generation here, and an UPDATED
      // event with an unchanged generation is not "fresh", so a key parked by a permanent error would never run its
      // finalizer.
      emit(newObj, EventType.DELETED);
    } else if (statusChangesMatter) {
      emit(newObj, EventType.UPDATED);
    } else if (!Objects.equals(oldObj.getMetadata().getGeneration(), newObj.getMetadata().getGeneration())) {
      emit(newObj, EventType.UPDATED);
    } else if (specOrMetadataChanged(oldObj, newObj)) {
      // A label or annotation a user set (an adoption opt-in, a grant) changes no generation, yet it is the user's
      // act and may heal a key parked by a permanent error: published without a generation, which the log treats
      // as a fresh change. The operator writes no labels or annotations on its primaries, so this costs nothing.
      publish.accept(withoutGeneration(of(kind, newObj, EventType.UPDATED)));
    }
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    emit(obj, EventType.DELETED);
  }

  static boolean specOrMetadataChanged(HasMetadata a, HasMetadata b) {
    var am = a.getMetadata();
    var bm = b.getMetadata();
    return !Objects.equals(am.getGeneration(), bm.getGeneration())
        || !Objects.equals(am.getDeletionTimestamp(), bm.getDeletionTimestamp())
        || !Objects.equals(am.getLabels(), bm.getLabels())
        || !Objects.equals(am.getAnnotations(), bm.getAnnotations());
  }

  private void emit(T obj, EventType type) {
    ResourceEvent e = mapper != null ? mapper.apply(obj) : of(kind, obj, type);
    if (e != null) {
      publish.accept(mapper == null ? e : new ResourceEvent(e.kind(), e.namespace(), e.name(), e.uid(),
          e.resourceVersion(), e.generation(), type, e.timeMillis()));
    }
  }

  private static ResourceEvent withoutGeneration(ResourceEvent e) {
    return new ResourceEvent(e.kind(), e.namespace(), e.name(), e.uid(), e.resourceVersion(), 0, e.type(),
        e.timeMillis());
  }

  public static ResourceEvent of(String kind, HasMetadata obj, EventType type) {
    var m = obj.getMetadata();
    return new ResourceEvent(kind, m.getNamespace(), m.getName(), m.getUid(), m.getResourceVersion(),
        m.getGeneration() == null ? 0L : m.getGeneration(), type, System.currentTimeMillis());
  }
}
