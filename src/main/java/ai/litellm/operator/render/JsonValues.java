package ai.litellm.operator.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Semantic equality of JSON values as LiteLLM round-trips them: numbers by value (1e-06 == 0.000001 == 1E-6). */
public final class JsonValues {
  private JsonValues() {}

  public static boolean equivalent(Object a, Object b) {
    a = unwrap(a);
    b = unwrap(b);
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number || b instanceof Number) {
      BigDecimal x = asNumber(a);
      BigDecimal y = asNumber(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Map<?, ?> ca = withoutNulls(ma);
      Map<?, ?> cb = withoutNulls(mb);
      if (!ca.keySet().equals(cb.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : ca.entrySet()) {
        if (!equivalent(e.getValue(), cb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!equivalent(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static Object unwrap(Object v) {
    if (v instanceof JsonObject o) {
      return o.getMap();
    }
    if (v instanceof JsonArray a) {
      return a.getList();
    }
    return v;
  }

  private static Map<?, ?> withoutNulls(Map<?, ?> m) {
    if (!m.containsValue(null)) {
      return m;
    }
    Map<Object, Object> copy = new java.util.HashMap<>(m);
    copy.values().removeIf(java.util.Objects::isNull);
    return copy;
  }

  /** A number, or a string holding a number (some LiteLLM builds echo costs as strings); else null. */
  private static BigDecimal asNumber(Object v) {
    if (v instanceof Number n) {
      return CanonicalJson.toBigDecimal(n);
    }
    if (v instanceof String s) {
      try {
        return DecimalValues.normalise(new BigDecimal(s.trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
