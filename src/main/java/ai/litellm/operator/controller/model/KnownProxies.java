package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every LiteLLM proxy a Model of this replica synced through, remembered per proxy (not per key): the drift detector
 * lists each once per pass, and keeps listing a proxy after its last Model is gone (that Model's key state is
 * forgotten) so that rows left behind there are still swept. A proxy is retired once a pass finds nothing of this
 * install's on it, or its master key is refused with no Model left to use it.
 */
final class KnownProxies {
  private final Set<LiteLLMEndpoint> proxies = ConcurrentHashMap.newKeySet();

  /** A reconcile synced (or is about to sync) a Model through {@code ep}. */
  void seen(LiteLLMEndpoint ep) {
    proxies.add(ep);
  }

  void retire(LiteLLMEndpoint ep) {
    proxies.remove(ep);
  }

  Set<LiteLLMEndpoint> snapshot() {
    return Set.copyOf(proxies);
  }
}
