package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.CrdSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every document under docs/examples is something `kubectl apply -f docs/examples/` accepts on a real cluster: custom
 * resources pass their CRD's own schema, built-in documents are of the kinds we expect, and the namespace they use is
 * created by the first file applied.
 */
class ExamplesSchemaTest {
  private static final Path DIR = Path.of("docs", "examples");
  private static final Set<String> CUSTOM = Set.of("LiteLLMInstance", "Model", "Credential");
  private static final Set<String> BUILT_IN = Set.of("Namespace", "Secret");

  @Test
  void everyExampleIsAcceptedByItsSchema() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> kindsSeen = new TreeSet<>();
    for (Path file : files()) {
      for (JsonNode doc : CrdSchema.readYamlDocuments(file)) {
        String kind = doc.path("kind").asString("");
        kindsSeen.add(kind);
        String where = file.getFileName() + " " + kind + "/" + doc.at("/metadata/name").asString("");
        if (CUSTOM.contains(kind)) {
          assertEquals("litellm.litellm.ai/v1alpha1", doc.path("apiVersion").asString(""), where);
          CrdSchema.forKind(kind).validate(doc).forEach(p -> problems.add(where + ": " + p));
        } else if (BUILT_IN.contains(kind)) {
          assertEquals("v1", doc.path("apiVersion").asString(""), where);
        } else {
          problems.add(where + ": unexpected kind");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(kindsSeen.containsAll(Set.of("LiteLLMInstance", "Model", "Credential", "Namespace", "Secret")),
        kindsSeen.toString());
  }

  @Test
  void theNamespaceComesFirstAndHoldsEveryExample() throws IOException {
    List<Path> files = files();
    JsonNode first = CrdSchema.readYamlDocuments(files.get(0)).get(0);
    assertEquals("Namespace", first.path("kind").asString(""), files.get(0) + " must sort first");
    String ns = first.at("/metadata/name").asString("");
    for (Path file : files.subList(1, files.size())) {
      for (JsonNode doc : CrdSchema.readYamlDocuments(file)) {
        assertEquals(ns, doc.at("/metadata/namespace").asString(""), file + " " + doc.at("/metadata/name"));
      }
    }
  }

  @Test
  void theSchemaRejectsWhatAnExampleMustNotContain() {
    // Guards the test above against a validator that accepts anything.
    List<String> problems = CrdSchema.forKind("LiteLLMInstance").validateYaml("""
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: LiteLLMInstance
        metadata: {name: x, namespace: ai}
        spec: {replicas: "two", unknownField: true}
        """);
    assertTrue(problems.size() >= 2, problems.toString());
  }

  @Test
  void aModelNamingACredentialFindsItAmongTheExamples() throws IOException {
    // A Model whose litellmCredentialName no Credential on its proxy carries would wait forever (CredentialNotReady).
    Set<String> credentials = new TreeSet<>();
    List<JsonNode> users = new ArrayList<>();
    for (Path file : files()) {
      for (JsonNode doc : CrdSchema.readYamlDocuments(file)) {
        String kind = doc.path("kind").asString("");
        if ("Credential".equals(kind)) {
          String name = doc.at("/spec/credentialName").asString(doc.at("/metadata/name").asString(""));
          credentials.add(doc.at("/spec/connectionRef/instanceRef/name").asString("") + "/" + name);
        } else if ("Model".equals(kind) && doc.at("/spec/litellmParams/litellmCredentialName").isString()) {
          users.add(doc);
        }
      }
    }
    assertFalse(users.isEmpty(), "no example Model uses a Credential");
    for (JsonNode model : users) {
      String wanted = model.at("/spec/connectionRef/instanceRef/name").asString("") + "/"
          + model.at("/spec/litellmParams/litellmCredentialName").asString("");
      assertTrue(credentials.contains(wanted), model.at("/metadata/name") + " names " + wanted + "; examples have "
          + credentials);
    }
  }

  private static List<Path> files() throws IOException {
    try (var s = Files.list(DIR)) {
      // kubectl apply -f <dir> walks the directory in lexical order.
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
