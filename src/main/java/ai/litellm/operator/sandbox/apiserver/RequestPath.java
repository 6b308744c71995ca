package ai.litellm.operator.sandbox.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request target split into its path and decoded query parameters (last value wins). */
record RequestPath(String path, String rawQuery, Map<String, String> query) {

  static RequestPath parse(String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return new RequestPath(trimTrailingSlash(target), "", Map.of());
    }
    String rawQuery = target.substring(q + 1);
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return new RequestPath(trimTrailingSlash(target.substring(0, q)), rawQuery, Collections.unmodifiableMap(params));
  }

  boolean isWatch() {
    return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
  }

  /** The original target with the query string, or just the path when there was none. */
  String target() {
    return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
  }

  /** The original target without one query parameter (e.g. a field selector applied here, not by the mock). */
  String targetWithout(String param) {
    String kept = String.join("&", java.util.Arrays.stream(rawQuery.split("&"))
        .filter(pair -> !pair.isEmpty() && !decode(pair.split("=", 2)[0]).equals(param)).toList());
    return kept.isEmpty() ? path : path + "?" + kept;
  }

  private static String trimTrailingSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
