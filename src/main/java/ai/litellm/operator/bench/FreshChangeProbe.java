package ai.litellm.operator.bench;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Changes a few Models' spec while a resync flood is queued and times, per Model, from the accepted update to the
 * operator's cache showing the Model Synced for the new generation: the change overtook the flood, reached LiteLLM
 * and its status was written. So the figure includes one LiteLLM call (and its latency) and one status write.
 */
final class FreshChangeProbe {
  private FreshChangeProbe() {}

  private record Pending(String namespace, String name, long generation, long acceptedNanos) {}

  /** @return the latencies in nanoseconds, one per changed Model */
  static List<Long> run(KubernetesClient client, Cache<Model> cache, List<Model> targets, String newProviderModel,
      Duration timeout) throws Exception {
    String patch = "{\"spec\":{\"litellmParams\":{\"model\":\"" + newProviderModel + "\"}}}";
    List<Pending> pending = new ArrayList<>();
    for (Model t : targets) {
      String ns = t.getMetadata().getNamespace();
      String name = t.getMetadata().getName();
      Model updated = KubeWrites.withRetries(() -> client.resources(Model.class).inNamespace(ns).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
      pending.add(new Pending(ns, name, updated.getMetadata().getGeneration(), System.nanoTime()));
    }
    Map<Pending, Long> done = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (done.size() < pending.size()) {
      for (Pending p : pending) {
        if (!done.containsKey(p) && syncedAt(cache.get(p.namespace(), p.name()), p.generation())) {
          done.put(p, System.nanoTime() - p.acceptedNanos());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException((pending.size() - done.size()) + " of " + pending.size()
            + " changed Models were not Synced within " + timeout);
      }
      Thread.sleep(2);
    }
    return new ArrayList<>(done.values());
  }

  private static boolean syncedAt(Model m, long generation) {
    return m != null && m.getStatus() != null && m.getStatus().observedGeneration != null
        && m.getStatus().observedGeneration >= generation && Conditions.isTrue(m.getStatus().conditions, "Synced");
  }
}
