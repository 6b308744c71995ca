package ai.litellm.operator.kube;

import ai.litellm.operator.eventlog.ratelimit.ThrottleSignal;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * The API server said "too many requests" (429, API Priority and Fairness): the write limiter halves its in-flight
 * limit and honours the Retry-After, as it does for a LiteLLM proxy.
 */
final class KubeThrottled extends KubernetesClientException implements ThrottleSignal {
  private final transient Duration retryAfter;

  KubeThrottled(Status status, Duration retryAfter) {
    super(status);
    this.retryAfter = retryAfter;
  }

  @Override
  public boolean isThrottle() {
    return true;
  }

  @Override
  public Duration throttleRetryAfter() {
    return retryAfter;
  }

}
