package ai.litellm.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** Helpers for the bench's own Kubernetes requests and for counting the operator's by verb. */
final class KubeWrites {
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final int ATTEMPTS = 8;

  private KubeWrites() {}

  /** Writes among requests counted by verb (everything but get/list/watch). */
  static long writes(Map<String, Long> byVerb) {
    return byVerb.entrySet().stream().filter(e -> !READ_VERBS.contains(e.getKey())).mapToLong(Map.Entry::getValue)
        .sum();
  }

  static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
    Map<String, Long> out = new java.util.TreeMap<>();
    later.forEach((k, v) -> {
      long d = v - earlier.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  /**
   * Runs one bench request, retrying what a loaded API server answers transiently (429, 5xx, no response) with a
   * short backoff, as a client would; anything else fails at once.
   */
  static <T> T withRetries(Callable<T> request) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.call();
      } catch (KubernetesClientException e) {
        boolean transientFailure = e.getCode() == 429 || e.getCode() >= 500 || e.getCode() <= 0;
        if (!transientFailure || attempt == ATTEMPTS) {
          throw e;
        }
        Thread.sleep(Math.min(2000, 50L << attempt));
      }
    }
  }
}
