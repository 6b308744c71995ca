package ai.litellm.operator.sharding;

import io.vertx.core.Future;
import java.util.Map;

/** What sharding drives in the operator: the per-namespace informers and a replay of the caches. */
public interface NamespaceWorkers {
  /** Starts the namespace's informers (its initial list then feeds the controllers). */
  Future<Void> watch(String namespace);

  /** Stops the namespace's informers; its objects leave the caches. */
  Future<Void> unwatch(String namespace);

  /** Republishes every cached object as a low-priority event (a warm stand-by that just won the leadership). */
  void replay();

  /** Cached objects by kind, for the objects-owned gauge. */
  Map<String, Integer> objectsCached();
}
