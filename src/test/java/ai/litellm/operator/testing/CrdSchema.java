package ai.litellm.operator.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRD manifests of helm/litellm-operator/crds read as trees, and a JSON-schema validator built from their own
 * openAPIV3Schema. The Kubernetes structural-schema rules are translated to draft 4 the way the API server applies them:
 * objects without x-kubernetes-preserve-unknown-fields reject unknown fields (the server prunes them; rejecting is
 * the stricter, more useful test), and metadata is left to the server.
 */
public final class CrdSchema {
  public static final Path CRD_DIR = Path.of("helm/litellm-operator/crds");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final JsonNode crd;
  private final Schema schema;

  private CrdSchema(JsonNode crd) {
    this.crd = crd;
    JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    closeObjects(openApi, true);
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApi.toString());
  }

  /** Loads the CRD whose spec.names.kind is {@code kind}. */
  public static CrdSchema forKind(String kind) {
    for (JsonNode crd : all()) {
      if (kind.equals(crd.at("/spec/names/kind").asString())) {
        return new CrdSchema(crd);
      }
    }
    throw new IllegalArgumentException("no CRD for kind " + kind + " in " + CRD_DIR);
  }

  /** Every CRD document in the chart's crds directory. */
  public static List<JsonNode> all() {
    List<JsonNode> out = new ArrayList<>();
    try (var files = Files.list(CRD_DIR)) {
      for (Path p : files.sorted().toList()) {
        out.addAll(readYamlDocuments(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static List<JsonNode> readYamlDocuments(Path p) {
    try {
      return readYamlDocuments(Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> readYamlDocuments(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readValues(YAML.createParser(yaml), JsonNode.class)) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          docs.add(n);
        }
      }
    }
    return docs;
  }

  public JsonNode crd() {
    return crd;
  }

  public JsonNode openApiSchema() {
    return crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }

  /** Validation messages for one custom resource (empty when it is accepted). */
  public List<String> validate(JsonNode resource) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(resource)) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }

  public List<String> validateYaml(String yaml) {
    return validate(readYamlDocuments(yaml).get(0));
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
      obj.set("anyOf", YAML.readTree("[{\"type\":\"integer\"},{\"type\":\"string\"}]"));
    }
    JsonNode props = obj.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        closeObjects(e.getValue(), false);
      }
    }
    if (obj.has("items")) {
      closeObjects(obj.get("items"), false);
    }
  }
}
