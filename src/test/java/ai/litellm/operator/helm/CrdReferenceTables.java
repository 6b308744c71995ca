package ai.litellm.operator.helm;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The field tables of docs/crd-reference.md, generated from the CRDs' openAPIV3Schema: one row per field with its
 * full path, type, constraints and description, so the reference cannot miss or misdescribe a field.
 */
final class CrdReferenceTables {
  private CrdReferenceTables() {}

  /** The generated Markdown for one CRD file. */
  static String table(Path crdFile) {
    Map<String, Object> crd;
    try {
      crd = new KubernetesSerialization().unmarshal(Files.readString(crdFile), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> version = map(((List<?>) map(crd.get("spec")).get("versions")).get(0));
    Map<String, Object> root = map(map(version.get("schema")).get("openAPIV3Schema"));
    List<String> rows = new ArrayList<>();
    rows.add("| Field | Type | Required | Description |");
    rows.add("| --- | --- | --- | --- |");
    for (String top : List.of("spec", "status")) {
      Map<String, Object> props = map(root.get("properties"));
      if (props.containsKey(top)) {
        walk(top, map(props.get(top)), false, rows);
      }
    }
    return String.join("\n", rows) + "\n";
  }

  private static void walk(String path, Map<String, Object> schema, boolean required, List<String> rows) {
    rows.add("| `" + path + "` | " + type(schema) + " | " + (required ? "yes" : "") + " | " + description(schema) + " |");
    Map<String, Object> props = schema.get("properties") == null ? Map.of() : map(schema.get("properties"));
    List<?> requiredNames = schema.get("required") == null ? List.of() : (List<?>) schema.get("required");
    for (var e : props.entrySet()) {
      walk(path + "." + e.getKey(), map(e.getValue()), requiredNames.contains(e.getKey()), rows);
    }
    if (schema.get("items") instanceof Map<?, ?> items && map(items).get("properties") != null) {
      Map<String, Object> item = map(items);
      List<?> itemRequired = item.get("required") == null ? List.of() : (List<?>) item.get("required");
      for (var e : map(item.get("properties")).entrySet()) {
        walk(path + "[]." + e.getKey(), map(e.getValue()), itemRequired.contains(e.getKey()), rows);
      }
    }
  }

  private static String type(Map<String, Object> s) {
    if (Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))) {
      return "int or string";
    }
    String type = String.valueOf(s.getOrDefault("type", "any"));
    if ("array".equals(type) && s.get("items") instanceof Map<?, ?> items) {
      type = "array of " + type(map(items));
    }
    if (s.get("additionalProperties") instanceof Map<?, ?> values) {
      type = "map of " + type(map(values));
    }
    if (s.get("format") != null) {
      type += " (" + s.get("format") + ")";
    }
    return type;
  }

  private static String description(Map<String, Object> s) {
    StringBuilder d = new StringBuilder(String.valueOf(s.getOrDefault("description", "")).strip()
        .replace("|", "\\|").replace("\n", " "));
    if (s.get("enum") != null) {
      d.append(" One of: ").append(String.join(", ", ((List<?>) s.get("enum")).stream()
          .map(v -> "`" + v + "`").toList())).append('.');
    }
    if (s.get("default") != null) {
      d.append(" Default: `").append(s.get("default")).append("`.");
    }
    if (s.get("minimum") != null) {
      d.append(" Minimum: ").append(s.get("minimum")).append('.');
    }
    if (s.get("maxLength") != null) {
      d.append(" At most ").append(s.get("maxLength")).append(" characters.");
    }
    if (Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"))) {
      d.append(" Free-form: any fields are kept.");
    }
    return d.toString().strip();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
