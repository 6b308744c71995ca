package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.api.Model;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the Models of a LiteLLMInstance when what the instance means for them changes (issue #14.1: a deleted
 * instance left its Models Ready until the next resync). The Model informer indexes every Model by the instance it
 * references ({@link #INDEX}), so the Models of an instance are found without a scan. An instance event (its own, or
 * its Deployment's: availability lives there) enqueues them only on a transition of the instance's verdict: created,
 * gone, serving, or not serving and why ({@link InstanceAvailability}). A rollout's many Deployment status updates
 * therefore cost a map lookup each, not a reconcile of every Model of the instance.
 *
 * <p>The verdicts are remembered per instance present in the cache (bounded by the instances watched), dropped when
 * the instance goes and with a namespace this replica stops watching. Any thread (informer threads); non-blocking.
 */
final class InstanceDependents {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceDependents.class);
  /** The Model informer's index: {@code namespace/name} of the referenced instance. */
  static final String INDEX = "instance";
  private static final String SERVING = "serving";

  private final InstanceAvailability availability;
  private final Function<String, List<String>> modelsOf;
  private final Consumer<ResourceEvent> publish;
  private final Map<String, String> verdicts = new ConcurrentHashMap<>();

  /**
   * @param modelsOf the keys of the Models that reference an instance ({@code namespace/name}), from the index
   * @param publish the model topic
   */
  InstanceDependents(InstanceAvailability availability, Function<String, List<String>> modelsOf,
      Consumer<ResourceEvent> publish) {
    this.availability = availability;
    this.modelsOf = modelsOf;
    this.publish = publish;
  }

  /** The index values of a Model: the instance it syncs through, if any. */
  static List<String> indexValues(Model m) {
    String key = InstanceAvailability.referencedInstance(m);
    return key == null ? List.of() : List.of(key);
  }

  /**
   * The instance named by {@code e} (or its Deployment) changed. A resync only records the verdict (the Models' own
   * resync looks at the instance anyway), unless it differs from a recorded one.
   *
   * @return how many Models were enqueued
   */
  int changed(ResourceEvent e) {
    String key = e.namespace() + "/" + e.name();
    String[] before = new String[1];
    String now = verdicts.compute(key, (k, old) -> {
      before[0] = old;
      return verdict(e.namespace(), e.name());
    });
    boolean resync = e.type() == EventType.RESYNC || e.type() == EventType.REQUEUE;
    // Unknown before: a creation is news (Models waiting with InstanceNotFound), an absence stays none
    boolean transition = before[0] == null ? !resync && now != null : !Objects.equals(before[0], now);
    if (!transition) {
      return 0;
    }
    List<String> models = modelsOf.apply(key);
    long at = System.currentTimeMillis();
    for (String model : models) {
      int slash = model.indexOf('/');
      // generation 0: an UPDATED without generation is a fresh change, which runs (and unparks) the key at once
      publish.accept(new ResourceEvent("Model", model.substring(0, slash), model.substring(slash + 1), null, null, 0,
          EventType.UPDATED, at));
    }
    if (!models.isEmpty()) {
      LOG.info("LiteLLMInstance {}: {}; {} Model(s) look again", key,
          now == null ? "gone" : SERVING.equals(now) ? "serving" : now, models.size());
    }
    return models.size();
  }

  /** The instance's verdict now: null when it is not in the cache. */
  private String verdict(String namespace, String name) {
    if (!availability.present(namespace, name)) {
      return null;
    }
    String why = availability.whyNotServing(namespace, name);
    return why == null ? SERVING : why;
  }

  /** Forgets the verdicts of a namespace this replica stopped watching. */
  void forgetNamespace(String namespace) {
    verdicts.keySet().removeIf(k -> k.startsWith(namespace + "/"));
  }

  /** Instances with a recorded verdict (tests: bounded). */
  int remembered() {
    return verdicts.size();
  }
}
