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
 * Writes the proxy config.yaml. Decimals are written plain (0.0000001, never 1E-7) because PyYAML, which LiteLLM
 * loads the file with, reads an exponent without a dot as a string. Strings that look like numbers or booleans are
 * quoted so they stay strings.
 */
public final class ConfigYaml {
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
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
