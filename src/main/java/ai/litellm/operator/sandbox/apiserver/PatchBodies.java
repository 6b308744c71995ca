package ai.litellm.operator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the bodies of the patch flavours the mock does not know, turning them into JSON merge patches. */
final class PatchBodies {
  static final String APPLY_PATCH = "application/apply-patch+yaml";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String JSON_PATCH = "application/json-patch+json";

  // YAML 1.1 is a superset of JSON, so one reader takes both bodies a server-side apply may carry.
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private PatchBodies() {}

  static boolean isContentType(String header, String mediaType) {
    return header != null && header.toLowerCase(java.util.Locale.ROOT).trim().startsWith(mediaType);
  }

  /** The applied configuration of a server-side apply; managedFields are server-owned and dropped. */
  static ObjectNode appliedObject(String body) {
    JsonNode node = YAML.readTree(body);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("apply patch body must be a YAML or JSON object");
    }
    ObjectNode object = (ObjectNode) node;
    if (object.path("metadata").isObject()) {
      ((ObjectNode) object.get("metadata")).remove("managedFields");
    }
    return object;
  }

  /**
   * {@code patch} merged over {@code stored} as RFC 7386 says (objects key by key, {@code null} deletes, lists and
   * scalars replaced), as a JSON patch that sets every top-level member the patch names.
   */
  static tools.jackson.databind.node.ArrayNode replaceMembers(JsonNode stored, ObjectNode patch) {
    JsonNode merged = mergeOver(stored.deepCopy(), patch);
    tools.jackson.databind.node.ArrayNode ops = JsonResponses.MAPPER.createArrayNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode value = merged.get(e.getKey());
      ObjectNode op = ops.addObject();
      if (value == null) {
        if (!stored.has(e.getKey())) {
          ops.remove(ops.size() - 1);
          continue;
        }
        op.put("op", "remove").put("path", "/" + e.getKey());
      } else {
        op.put("op", "add").put("path", "/" + e.getKey()).set("value", value);
      }
    }
    return ops;
  }

  private static JsonNode mergeOver(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonResponses.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergeOver(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /**
   * A strategic merge patch as a JSON merge patch: the {@code $patch}, {@code $retainKeys},
   * {@code $setElementOrder/...} and {@code $deleteFromPrimitiveList/...} directives are dropped, so lists are
   * replaced whole rather than merged by key.
   */
  static JsonNode strategicAsMergePatch(String body) {
    JsonNode node = JsonResponses.MAPPER.readTree(body);
    stripDirectives(node);
    return node;
  }

  private static void stripDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getKey().startsWith("$")) {
          directives.add(e.getKey());
        } else {
          stripDirectives(e.getValue());
        }
      }
      directives.forEach(object::remove);
    } else if (node != null && node.isArray()) {
      node.values().forEach(PatchBodies::stripDirectives);
    }
  }
}
