package ai.litellm.operator.kube;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a custom resource offline against its CRD's own openAPIV3Schema, the way the API server does, for
 * {@code render}, the embedded sandbox API server and the tests. The Kubernetes structural-schema
 * rules are translated to JSON-schema draft 4: an object without {@code x-kubernetes-preserve-unknown-fields} rejects
 * unknown fields (the server prunes them; rejecting catches typos, as kubectl's client-side validation does),
 * {@code x-kubernetes-int-or-string} becomes integer-or-string, and metadata keeps every field the server knows.
 * Not translated: {@code x-kubernetes-list-type: map} (key uniqueness), which the controller checks as well.
 */
public final class CrdValidator {
  /** Keywords whose failure names the rule of the node rather than a single value: the description says it. */
  private static final Set<String> RULE_KEYWORDS = Set.of("oneOf", "anyOf", "allOf", "not");

  private final String kind;
  private final JsonNode openApi;
  private final Schema schema;

  private CrdValidator(JsonNode crd, JsonNode version) {
    this.kind = crd.at("/spec/names/kind").asString();
    this.openApi = version.at("/schema/openAPIV3Schema");
    JsonNode draft4 = openApi.deepCopy();
    closeObjects(draft4, true);
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(draft4.toString());
  }

  /** The validator of a CRD given as a tree (a CustomResourceDefinition document), for its first version. */
  public static CrdValidator of(JsonNode crd) {
    return new CrdValidator(crd, crd.at("/spec/versions/0"));
  }

  /** The validator of one version of a CRD given as a tree; empty when the CRD has no such version. */
  public static Optional<CrdValidator> of(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asString(""))) {
        return Optional.of(new CrdValidator(crd, v));
      }
    }
    return Optional.empty();
  }

  /** The version's openAPIV3Schema as the CRD states it (for pruning and defaulting by an API server). */
  public JsonNode openApiSchema() {
    return openApi.deepCopy();
  }

  /** The validator of the shipped CRD (from the jar, see {@link CrdManifests}) whose spec.names.kind is {@code kind}. */
  public static CrdValidator forKind(String kind) {
    for (String file : CrdManifests.FILES) {
      JsonNode crd = Serialization.yamlMapper().readTree(CrdManifests.manifest(file));
      if (kind.equals(crd.at("/spec/names/kind").asString(""))) {
        return of(crd);
      }
    }
    throw new IllegalArgumentException("no shipped CRD for kind " + kind);
  }

  public String kind() {
    return kind;
  }

  /**
   * Problems of one resource (a tree or what a YAML reader produced: maps, lists, scalars), each as
   * {@code <field path>: <message>}, e.g. {@code spec.litellmParams.rpm: string found, integer expected}. A rule that
   * spans fields (oneOf, anyOf, not) is reported once, at the object it constrains, with the description that states
   * it. Empty when the resource is valid.
   */
  public List<String> validate(Object resource) {
    JsonNode node = resource instanceof JsonNode n ? n : Serialization.jsonMapper().valueToTree(resource);
    Set<String> out = new LinkedHashSet<>();
    for (Error e : schema.validate(node)) {
      out.add(describe(e));
    }
    return List.copyOf(out);
  }

  private String describe(Error e) {
    NodePath at = e.getInstanceLocation();
    int rule = ruleDepth(e.getEvaluationPath());
    if (rule >= 0) {
      String description = schemaAt(at, rule).path("description").asString("");
      if (!description.isBlank()) {
        return where(at, rule) + ": breaks the rule \"" + description.strip() + "\"";
      }
    }
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && e.getProperty() != null) {
      String path = path(at, at.getNameCount());
      String field = path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
      return field + ": " + ("required".equals(keyword) ? "is required" : "is not a field of " + kind);
    }
    return where(at, at.getNameCount()) + ": " + e.getMessage();
  }

  /**
   * How many instance levels deep the first junctor (oneOf, anyOf, allOf, not) on a schema evaluation path sits, or
   * -1 when the error comes from no junctor: each {@code properties/<name>} and each {@code items} is one level.
   */
  private static int ruleDepth(NodePath evaluation) {
    int depth = 0;
    for (int i = 0; i < evaluation.getNameCount(); i++) {
      Object element = evaluation.getElement(i);
      if (RULE_KEYWORDS.contains(element)) {
        return depth;
      }
      if ("properties".equals(element)) {
        depth++;
        i++; // the property name, which may itself be "items" or "not"
      } else if ("items".equals(element)) {
        depth++;
      }
    }
    return -1;
  }

  private static String where(NodePath location, int depth) {
    String path = path(location, depth);
    return path.isEmpty() ? "(root)" : path;
  }

  /** {@code spec.models[0].identifier} for the instance location {@code $.spec.models[0].identifier}. */
  private static String path(NodePath location, int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(depth, location.getNameCount()); i++) {
      Object element = location.getElement(i);
      if (element instanceof Number index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(element);
      }
    }
    return out.toString();
  }

  /** The CRD's schema node for the first {@code depth} levels of an instance location (missing if it has none). */
  private JsonNode schemaAt(NodePath location, int depth) {
    JsonNode node = openApi;
    for (int i = 0; i < Math.min(depth, location.getNameCount()); i++) {
      Object element = location.getElement(i);
      node = element instanceof Number ? node.path("items") : node.path("properties").path(String.valueOf(element));
    }
    return node;
  }

  private static void closeObjects(JsonNode node, boolean root) {
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    boolean preserve = obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if ("object".equals(obj.path("type").asString("")) && obj.has("properties") && !preserve) {
      obj.put("additionalProperties", false);
    }
    if (obj.path("x-kubernetes-int-or-string").asBoolean(false)) {
      obj.remove("type");
      var anyOf = obj.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    // Interpreted above; draft 4 does not know them (and the validator would log each one as unknown).
    List<String> extensions = new ArrayList<>();
    obj.propertyNames().forEach(name -> {
      if (name.startsWith("x-kubernetes-")) {
        extensions.add(name);
      }
    });
    extensions.forEach(obj::remove);
    JsonNode props = obj.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        // The root's metadata schema constrains only name; the server knows every other ObjectMeta field.
        if (!(root && "metadata".equals(e.getKey()))) {
          closeObjects(e.getValue(), false);
        }
      }
    }
    if (obj.has("items")) {
      closeObjects(obj.get("items"), false);
    }
  }
}
