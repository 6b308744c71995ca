package ai.litellm.operator.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON text for hashing: object keys sorted, no whitespace, numbers in plain normalised decimal form (so 600,
 * 600.0 and 6E+2 are one number), nulls dropped from objects (LiteLLM treats null as absent). Not used for wire bodies.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String encode(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Number n) {
      out.append(canonicalNumber(n));
    } else if (value instanceof JsonObject json) {
      write(out, json.getMap());
    } else if (value instanceof JsonArray array) {
      write(out, array.getList());
    } else if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> {
        if (v != null) {
          sorted.put(String.valueOf(k), v);
        }
      });
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  /** Plain decimal text of any JSON number, normalised; the single definition of numeric equality in this package. */
  public static String canonicalNumber(Number n) {
    return toBigDecimal(n).toPlainString();
  }

  public static BigDecimal toBigDecimal(Number n) {
    BigDecimal big;
    if (n instanceof BigDecimal b) {
      big = b;
    } else if (n instanceof BigInteger i) {
      big = new BigDecimal(i);
    } else if (n instanceof Double || n instanceof Float) {
      big = new BigDecimal(Double.toString(n.doubleValue()));
    } else {
      big = BigDecimal.valueOf(n.longValue());
    }
    return DecimalValues.normalise(big);
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
