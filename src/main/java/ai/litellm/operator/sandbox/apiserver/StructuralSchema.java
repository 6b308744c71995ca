package ai.litellm.operator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server does to a custom resource with its CRD's structural schema before it validates it: pruning
 * (fields the schema does not specify are dropped, unless {@code x-kubernetes-preserve-unknown-fields}; so are nulls
 * of fields that are not {@code nullable}) and defaulting
 * ({@code default} values for absent fields). The root's apiVersion, kind and metadata are the server's own and are
 * left alone, as are {@code x-kubernetes-embedded-resource} objects' apiVersion/kind/metadata.
 */
final class StructuralSchema {
  private StructuralSchema() {}

  /** Removes what {@code schema} (an openAPIV3Schema) does not specify; returns the removed fields' paths. */
  static List<String> prune(ObjectNode object, JsonNode schema) {
    List<String> pruned = new ArrayList<>();
    pruneObject(object, schema, "", true, pruned);
    return pruned;
  }

  private static void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
    if (value instanceof ObjectNode obj) {
      pruneObject(obj, schema, path, false, pruned);
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), schema.get("items"), path + "[" + i + "]", pruned);
      }
    }
  }

  private static void pruneObject(ObjectNode obj, JsonNode schema, String path, boolean root, List<String> pruned) {
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      // Kept as they are, but the fields the schema does specify are still pruned inside.
      descend(obj, schema, path, pruned);
      return;
    }
    boolean embedded = root || schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    List<String> unknown = new ArrayList<>();
    for (String name : obj.propertyNames()) {
      boolean serverOwned = embedded && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata"));
      if (!serverOwned && !properties.has(name) && !additional.isObject()) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      obj.remove(name);
      pruned.add(path.isEmpty() ? name : path + "." + name);
    }
    descend(obj, schema, path, pruned);
  }

  private static void descend(ObjectNode obj, JsonNode schema, String path, List<String> pruned) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    // A null for a field that is not nullable is dropped, as the API server does (not an unknown field).
    List<String> nulls = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : obj.properties()) {
      JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
          : additional.isObject() ? additional : null;
      if (fieldSchema != null && field.getValue().isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
        nulls.add(field.getKey());
      }
    }
    nulls.forEach(obj::remove);
    for (Map.Entry<String, JsonNode> field : obj.properties()) {
      String name = field.getKey();
      JsonNode fieldSchema = properties.has(name) ? properties.get(name) : additional.isObject() ? additional : null;
      if (fieldSchema != null && !(path.isEmpty() && name.equals("metadata"))) {
        prune(field.getValue(), fieldSchema, path.isEmpty() ? name : path + "." + name, pruned);
      }
    }
  }

  /** Sets every absent field that has a {@code default} in {@code schema}, at every level present in the object. */
  static void applyDefaults(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode obj) {
      JsonNode properties = schema.path("properties");
      for (Map.Entry<String, JsonNode> p : properties.properties()) {
        if (!obj.has(p.getKey()) && p.getValue().has("default")) {
          obj.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
      }
      JsonNode additional = schema.path("additionalProperties");
      for (Map.Entry<String, JsonNode> field : obj.properties()) {
        JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
            : additional.isObject() ? additional : null;
        if (fieldSchema != null) {
          applyDefaults(field.getValue(), fieldSchema);
        }
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> applyDefaults(item, schema.get("items")));
    }
  }
}
