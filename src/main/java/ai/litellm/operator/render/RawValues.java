package ai.litellm.operator.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns RawExtension values (whatever Jackson read: maps, lists, scalars) into Vert.x JSON values with object keys
 * sorted, so the same content always renders to the same bytes no matter which map implementation or key order the
 * deserialiser produced.
 */
public final class RawValues {
  private RawValues() {}

  /** Canonical copy of any raw JSON value; throws {@link InvalidSpecException} for values JSON cannot carry. */
  public static Object canonical(String field, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof BigDecimal big) {
      return DecimalValues.normalise(big);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidSpecException(field + " must be a finite number");
      }
      return DecimalValues.normalise(BigDecimal.valueOf(d));
    }
    if (value instanceof JsonObject json) {
      return canonical(field, json.getMap());
    }
    if (value instanceof JsonArray array) {
      return canonical(field, array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        sorted.put(key, canonical(field + "." + key, e.getValue()));
      }
      JsonObject out = new JsonObject();
      sorted.forEach(out::put);
      return out;
    }
    if (value instanceof List<?> list) {
      JsonArray out = new JsonArray();
      for (int i = 0; i < list.size(); i++) {
        out.add(canonical(field + "[" + i + "]", list.get(i)));
      }
      return out;
    }
    throw new InvalidSpecException(field + " holds an unsupported value of type " + value.getClass().getSimpleName());
  }

  /** Like {@link #canonical} but the value must be a JSON object (or absent, giving null). */
  public static JsonObject canonicalObject(String field, Object value) {
    if (value == null) {
      return null;
    }
    Object canonical = canonical(field, value);
    if (!(canonical instanceof JsonObject object)) {
      throw new InvalidSpecException(field + " must be an object (key: value map)");
    }
    return object;
  }
}
