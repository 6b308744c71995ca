package ai.litellm.operator.bench;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Changes a few Models' spec while a resync flood is queued and times, per Model, from the accepted update to the
 * operator's cache showing the Model Synced for the new generation: the change overtook the flood, reached LiteLLM
 * and its status was written. So the figure includes one LiteLLM call (and its latency) and one status write.
 *
 * <p>The cache is watched from the first change on, by a thread of its own: the changes are sent one after the other
 * and each takes an API round trip, so looking only after the last was sent would add the later changes' round trips
 * to the earlier Models' figures.
 */
final class FreshChangeProbe {
  private FreshChangeProbe() {}

  /** Applies one Model's change and returns the generation the API server accepted. */
  @FunctionalInterface
  interface Change {
    long apply(Model target) throws Exception;
  }

  private record Pending(String namespace, String name, long generation, long acceptedNanos) {}

  /** @return the latencies in nanoseconds, one per changed Model */
  static List<Long> run(KubernetesClient client, Cache<Model> cache, List<Model> targets, String newProviderModel,
      Duration timeout) throws Exception {
    String patch = "{\"spec\":{\"litellmParams\":{\"model\":\"" + newProviderModel + "\"}}}";
    return time(t -> KubeWrites.withRetries(() -> client.resources(Model.class)
        .inNamespace(t.getMetadata().getNamespace()).withName(t.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch)).getMetadata().getGeneration(), cache, targets, timeout);
  }

  /**
   * Applies {@code change} to each target in turn and times each until the cache shows it Synced; {@code timeout}
   * bounds the whole probe, the changes included.
   */
  static List<Long> time(Change change, Cache<Model> cache, List<Model> targets, Duration timeout) throws Exception {
    Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    Map<Pending, Long> done = new ConcurrentHashMap<>();
    AtomicReference<Throwable> watcherFailure = new AtomicReference<>();
    Thread watcher = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (Pending p : pending) {
            if (!done.containsKey(p) && syncedAt(cache.get(p.namespace(), p.name()), p.generation())) {
              done.put(p, System.nanoTime() - p.acceptedNanos());
            }
          }
          Thread.sleep(2);
        }
      } catch (InterruptedException e) {
        // the probe is over
      } catch (RuntimeException | Error e) {
        watcherFailure.set(e); // reported by the waiting thread, not as a timeout
      }
    }, "fresh-change-probe");
    watcher.setDaemon(true);
    watcher.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Model t : targets) {
        long generation = change.apply(t);
        pending.add(new Pending(t.getMetadata().getNamespace(), t.getMetadata().getName(), generation,
            System.nanoTime()));
      }
      while (done.size() < targets.size()) {
        if (watcherFailure.get() != null) {
          throw new IllegalStateException("the fresh-change probe's cache watcher failed", watcherFailure.get());
        }
        if (System.nanoTime() > deadline) {
          throw new TimeoutException((targets.size() - done.size()) + " of " + targets.size()
              + " changed Models were not Synced within " + timeout);
        }
        Thread.sleep(2);
      }
      return new ArrayList<>(done.values());
    } finally {
      watcher.interrupt();
    }
  }

  private static boolean syncedAt(Model m, long generation) {
    return m != null && m.getStatus() != null && m.getStatus().observedGeneration != null
        && m.getStatus().observedGeneration >= generation && Conditions.isTrue(m.getStatus().conditions, "Synced");
  }
}
