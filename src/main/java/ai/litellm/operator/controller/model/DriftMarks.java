package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reconciler and the drift detector share, in memory (rebuilt after a restart by the initial list, which
 * reconciles every Model once):
 * <ul>
 *   <li>which endpoint each Model key last synced through, so the detector lists each proxy once and knows whose
 *       models to expect there;</li>
 *   <li>every proxy the operator has synced through, kept after its last Model is gone so orphans left there are still
 *       swept; a proxy is retired once a pass finds nothing of ours on it;</li>
 *   <li>which keys the detector found out of line, so the next reconcile of that key talks to LiteLLM even though its
 *       status says the payload was applied;</li>
 *   <li>when the reconciler last wrote each key to LiteLLM, so the detector does not "repair" a write that lagging
 *       replicas have not picked up yet.</li>
 * </ul>
 */
public final class DriftMarks {
  private final Map<String, LiteLLMEndpoint> endpointOf = new ConcurrentHashMap<>();
  private final Set<LiteLLMEndpoint> endpoints = ConcurrentHashMap.newKeySet();
  private final Set<String> flagged = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastWriteNanos = new ConcurrentHashMap<>();

  void remember(String key, LiteLLMEndpoint endpoint) {
    LiteLLMEndpoint old = endpointOf.get(key);
    if (!endpoint.equals(old)) {
      endpointOf.put(key, endpoint);
      endpoints.add(endpoint);
    }
  }

  void forget(String key) {
    endpointOf.remove(key);
    flagged.remove(key);
    lastWriteNanos.remove(key);
  }

  /** The reconciler changed this key's model in LiteLLM just now. */
  void wrote(String key) {
    lastWriteNanos.put(key, System.nanoTime());
  }

  /** Whether the reconciler wrote this key within {@code grace} (replicas may not show the write yet). */
  boolean writtenWithin(String key, Duration grace) {
    Long at = lastWriteNanos.get(key);
    return at != null && System.nanoTime() - at < grace.toNanos();
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

  /** Every known proxy with the keys that synced through it (possibly none). */
  Map<LiteLLMEndpoint, List<String>> byEndpoint() {
    Map<LiteLLMEndpoint, List<String>> out = new HashMap<>();
    endpoints.forEach(ep -> out.put(ep, new ArrayList<>()));
    endpointOf.forEach((k, ep) -> out.computeIfAbsent(ep, x -> new ArrayList<>()).add(k));
    return out;
  }

  /** Stops checking a proxy no Model uses any more (a key that syncs through it again brings it back). */
  void retire(LiteLLMEndpoint endpoint) {
    if (!endpointOf.containsValue(endpoint)) {
      endpoints.remove(endpoint);
    }
  }
}
