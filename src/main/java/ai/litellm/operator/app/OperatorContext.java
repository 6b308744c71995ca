package ai.litellm.operator.app;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.EventRecorder;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubeRequestLimiter;
import ai.litellm.operator.kube.SecretReader;
import ai.litellm.operator.kube.StatusPatcher;
import ai.litellm.operator.litellm.LiteLLMClient;
import ai.litellm.operator.sharding.NamespaceGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.function.Predicate;

/**
 * The shared services both controllers use, built once per operator process by {@link Operator}. A record: nothing
 * here has behaviour of its own.
 *
 * @param ownsNamespace whether this replica currently reconciles a namespace (always true without sharding)
 * @param gate wraps each controller's reconcile function: keys of namespaces this replica does not own are skipped,
 *     and the running reconciles of a namespace can be drained before it is handed over (sharding, leader election)
 */
public record OperatorContext(
    OperatorConfig config,
    Vertx vertx,
    KubernetesClient client,
    BlockingBridge bridge,
    MeterRegistry registry,
    DownstreamLimiters limiters,
    KubeRequestLimiter kube,
    StatusPatcher status,
    Finalizers finalizers,
    EventRecorder events,
    SecretReader secrets,
    LiteLLMClient litellm,
    Predicate<String> ownsNamespace,
    NamespaceGate gate) {}
