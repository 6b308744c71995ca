package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reconciler and the drift detector share: which endpoint each Model key last synced through (so the detector
 * lists each proxy once and knows whose models to expect there) and which keys the detector found out of line (so the
 * next reconcile of that key talks to LiteLLM even though its status says the payload was applied).
 */
public final class DriftMarks {
  private final Map<String, LiteLLMEndpoint> endpointOf = new ConcurrentHashMap<>();
  private final Set<String> flagged = ConcurrentHashMap.newKeySet();

  void remember(String key, LiteLLMEndpoint endpoint) {
    LiteLLMEndpoint old = endpointOf.get(key);
    if (!endpoint.equals(old)) {
      endpointOf.put(key, endpoint);
    }
  }

  void forget(String key) {
    endpointOf.remove(key);
    flagged.remove(key);
  }

  /** Marks a key for a full sync on its next reconcile. */
  public void flag(String key) {
    flagged.add(key);
  }

  /** Consumes the mark. */
  boolean take(String key) {
    return flagged.remove(key);
  }

  public LiteLLMEndpoint endpointOf(String key) {
    return endpointOf.get(key);
  }

  /** Keys grouped by the endpoint they synced through. */
  Map<LiteLLMEndpoint, List<String>> byEndpoint() {
    Map<LiteLLMEndpoint, List<String>> out = new HashMap<>();
    endpointOf.forEach((k, ep) -> out.computeIfAbsent(ep, x -> new java.util.ArrayList<>()).add(k));
    return out;
  }
}
