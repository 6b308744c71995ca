package ai.litellm.operator.controller.model;

import java.time.Duration;
import java.util.Set;
import ai.litellm.operator.render.KeyedHash;

/**
 * The settings the Model controller reads (their defaults and docs live in the operator's settings table).
 *
 * @param partitions partitions of the "model" topic
 * @param concurrency Model reconciles in flight at once
 * @param resyncPeriod informer resync
 * @param driftInterval how often each proxy's model list is compared with the Models
 * @param consistencyGrace how long after a write LiteLLM replicas may still show the old state
 * @param allowCrossNamespaceRefs whether references may name other namespaces
 * @param installId this install's id in every ownership marker (resolved, never blank)
 * @param watchedNamespaces the namespaces this operator watches; empty: all
 * @param hash the install's keyed hash for published payload hashes
 * @param unreachableAfterPasses consecutive failed drift passes after which a proxy's Models say LiteLLMUnavailable
 */
public record ModelControllerSettings(int partitions, int concurrency, Duration backoffBase, Duration backoffCap,
    Duration resyncPeriod, Duration driftInterval, Duration consistencyGrace, boolean allowCrossNamespaceRefs,
    String installId, Set<String> watchedNamespaces, KeyedHash hash, int unreachableAfterPasses) {

  /** Whether a namespace is among the watched ones (sharding may narrow it further). */
  public boolean watches(String namespace) {
    return watchedNamespaces.isEmpty() || watchedNamespaces.contains(namespace);
  }
}
