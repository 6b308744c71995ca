package ai.litellm.operator.controller.model;

import java.time.Duration;

/**
 * The settings the Model controller reads (their defaults and docs live in the operator's settings table).
 *
 * @param partitions partitions of the "model" topic
 * @param concurrency Model reconciles in flight at once
 * @param resyncPeriod informer resync
 * @param driftInterval how often each proxy's model list is compared with the Models
 * @param consistencyGrace how long after a write LiteLLM replicas may still show the old state
 * @param allowCrossNamespaceRefs whether references may name other namespaces
 */
public record ModelControllerSettings(int partitions, int concurrency, Duration backoffBase, Duration backoffCap,
    Duration resyncPeriod, Duration driftInterval, Duration consistencyGrace, boolean allowCrossNamespaceRefs) {}
