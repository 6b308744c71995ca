package ai.litellm.operator.testing;

import ai.litellm.operator.kube.CrdValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRD manifests of helm/litellm-operator/crds read as trees, and the validator `render` uses
 * ({@link CrdValidator}) built from their own openAPIV3Schema.
 */
public final class CrdSchema {
  public static final Path CRD_DIR = Path.of("helm/litellm-operator/crds");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final JsonNode crd;
  private final CrdValidator validator;

  private CrdSchema(JsonNode crd) {
    this.crd = crd;
    this.validator = CrdValidator.of(crd);
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

  /** Validation messages for one custom resource (empty when it is accepted), each naming the field. */
  public List<String> validate(JsonNode resource) {
    return validator.validate(resource);
  }

  public List<String> validateYaml(String yaml) {
    return validate(readYamlDocuments(yaml).get(0));
  }
}
