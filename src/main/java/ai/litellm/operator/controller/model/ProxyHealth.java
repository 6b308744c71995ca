package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each LiteLLM proxy answers, as the drift passes found it (issue #14.5: a dead proxy's Models said Ready for
 * good). A proxy is unreachable after {@code unreachableAfter} consecutive passes whose list call failed as
 * unreachable (connection refused or reset, timeout, 502/503/504); one pass that gets an answer makes it reachable
 * again. Only proxies failing now that some Model syncs through are remembered, and one is forgotten when it answers,
 * when no Model uses it any more, or with the proxy ({@link KnownProxies#retire}): the memory is bounded by the
 * proxies in use.
 *
 * <p>The drift pass is the only writer of the pass count (one pass at a time); reconciles read {@link #unreachable}
 * and report their calls' outcome ({@link #firstUnreachableCall}, {@link #callAnswered}) from any thread.
 */
final class ProxyHealth {
  /** What a pass changed for a proxy. */
  enum Transition { NONE, BECAME_UNREACHABLE, BECAME_REACHABLE }

  private record Failing(int passes, boolean unreachable, String lastError) {}

  private final int unreachableAfter;
  private final Map<LiteLLMEndpoint, Failing> failing = new ConcurrentHashMap<>();
  /** Proxies whose unreachability a reconcile's call already reported with an Event in this outage. */
  private final Set<LiteLLMEndpoint> callReported = ConcurrentHashMap.newKeySet();

  /** @param unreachableAfter consecutive failed passes after which a proxy is unreachable (at least 1) */
  ProxyHealth(int unreachableAfter) {
    this.unreachableAfter = Math.max(1, unreachableAfter);
  }

  /** A pass could not reach the proxy. */
  Transition passFailed(LiteLLMEndpoint ep, String error) {
    Failing before = failing.get(ep);
    int passes = before == null ? 1 : before.passes() + 1;
    boolean unreachable = passes >= unreachableAfter;
    failing.put(ep, new Failing(passes, unreachable, error));
    return unreachable && (before == null || !before.unreachable()) ? Transition.BECAME_UNREACHABLE : Transition.NONE;
  }

  /** A pass got an answer from the proxy (any answer: a refused key still means it is up). */
  Transition answered(LiteLLMEndpoint ep) {
    callReported.remove(ep);
    Failing before = failing.remove(ep);
    return before != null && before.unreachable() ? Transition.BECAME_REACHABLE : Transition.NONE;
  }

  boolean unreachable(LiteLLMEndpoint ep) {
    Failing f = ep == null ? null : failing.get(ep);
    return f != null && f.unreachable();
  }

  /** Consecutive failed passes of the proxy (0 when it answered last). */
  int failedPasses(LiteLLMEndpoint ep) {
    Failing f = failing.get(ep);
    return f == null ? 0 : f.passes();
  }

  /** The last pass's error, for messages; null when the proxy answered last. */
  String lastError(LiteLLMEndpoint ep) {
    Failing f = ep == null ? null : failing.get(ep);
    return f == null ? null : f.lastError();
  }

  /**
   * A reconcile's call found the proxy unreachable: true for the first such call until the proxy answers again, whose
   * Model records the Event; the others only say it in their status (one Event per proxy, not per Model).
   */
  boolean firstUnreachableCall(LiteLLMEndpoint ep) {
    return ep == null || callReported.add(ep);
  }

  /** A reconcile's call got an answer from the proxy. */
  void callAnswered(LiteLLMEndpoint ep) {
    if (ep != null) {
      callReported.remove(ep);
    }
  }

  void forget(LiteLLMEndpoint ep) {
    failing.remove(ep);
    callReported.remove(ep);
  }

  /** Proxies failing now (memory gauge: bounded by the proxies in use). */
  int remembered() {
    return failing.size() + callReported.size();
  }
}
