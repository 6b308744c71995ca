package ai.litellm.operator.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes the proxy config.yaml. LiteLLM loads it with PyYAML (YAML 1.1), which resolves plain scalars such as
 * 2024-10-21 (a date), yes/no/on/off (booleans) or 1e-7 (a string: no dot) to surprising types. So every string is
 * double-quoted and decimals are written plain (0.0000001, never 1E-7).
 */
public final class ConfigYaml {
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private ConfigYaml() {}

  public static String write(Map<String, Object> document) {
    return MAPPER.writeValueAsString(plain(document));
  }

  /** Vert.x JSON containers → plain maps and lists, insertion order kept. */
  static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      return plain(o.getMap());
    }
    if (value instanceof JsonArray a) {
      return plain(a.getList());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), plain(v));
        }
      });
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof BigDecimal b) {
      return DecimalValues.normalise(b);
    }
    return value;
  }
}
