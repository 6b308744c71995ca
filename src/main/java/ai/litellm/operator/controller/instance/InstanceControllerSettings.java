package ai.litellm.operator.controller.instance;

import ai.litellm.operator.render.OperatorSettings;
import java.time.Duration;

/**
 * The settings the LiteLLMInstance controller reads (defaults and docs live in the operator's settings table).
 *
 * @param render operator-wide settings that shape rendered objects (ingress class, gateway parent)
 * @param deletionGrace how long a deleting instance waits for the Models that reference it (issue #14.2)
 */
public record InstanceControllerSettings(int partitions, int concurrency, Duration backoffBase, Duration backoffCap,
    Duration resyncPeriod, OperatorSettings render, Duration deletionGrace) {}
