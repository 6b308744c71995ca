package ai.litellm.operator.bench;

import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the fake proxies answered, counted on the server side: calls by endpoint ("POST /model/new"; ids in paths
 * replaced by {id} so the keys stay few) and 429s. Snapshots subtract, to count one phase.
 */
record LiteLLMCallCounts(Map<String, Long> byEndpoint, long rateLimited) {
  private static final Pattern MODEL_ID_PATH = Pattern.compile("^/model/[^/]+/update$");

  static LiteLLMCallCounts of(FakeProxyFleet proxies) {
    return of(proxies.all());
  }

  static LiteLLMCallCounts of(Iterable<FakeLiteLLM> proxies) {
    Map<String, Long> by = new TreeMap<>();
    long limited = 0;
    for (FakeLiteLLM proxy : proxies) {
      for (RecordedCall c : proxy.calls()) {
        by.merge(c.method() + " " + endpoint(c.path(), c.query()), 1L, Long::sum);
        if (c.status() == 429) {
          limited++;
        }
      }
    }
    return new LiteLLMCallCounts(by, limited);
  }

  /** The path with ids taken out; a single-model read keeps its query parameter's name (a list has none). */
  static String endpoint(String path, String query) {
    if (MODEL_ID_PATH.matcher(path).matches()) {
      return "/model/{id}/update";
    }
    return query != null && query.contains("litellm_model_id=") ? path + "?litellm_model_id" : path;
  }

  LiteLLMCallCounts minus(LiteLLMCallCounts earlier) {
    Map<String, Long> by = new TreeMap<>();
    byEndpoint.forEach((k, v) -> {
      long d = v - earlier.byEndpoint.getOrDefault(k, 0L);
      if (d != 0) {
        by.put(k, d);
      }
    });
    return new LiteLLMCallCounts(by, rateLimited - earlier.rateLimited);
  }

  /** Calls that change a proxy's models (anything but GET). */
  long writes() {
    return byEndpoint.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Whole-list reads (the drift detector's GET /model/info without an id). */
  long listCalls() {
    return byEndpoint.getOrDefault("GET /model/info", 0L);
  }
}
