package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.kube.CrdManifests;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs on a real API server: they install and become Established, every documented example is accepted and stored
 * without losing a field (structural pruning would drop fields the schema forgot), and malformed resources are
 * rejected with 422 and the schema's message. No operator and no controller-manager needed.
 */
@RealCluster(controllerManager = false)
class CrdSchemaRealClusterTest {
  private static final Path EXAMPLES = Path.of("docs", "examples");
  private static final String GROUP_VERSION = "litellm.litellm.ai/v1alpha1";
  private static final String NS = "schema";

  @BeforeAll
  static void install(KubernetesClient admin) {
    ClusterSetup.installCrds(admin);
    ClusterSetup.namespace(admin, NS);
  }

  @Test
  void everyShippedCrdIsEstablished(KubernetesClient admin) {
    assertEquals(3, CrdManifests.definitions().size()); // LiteLLMInstance, Model, Credential
    for (var crd : CrdManifests.definitions()) {
      String name = crd.getMetadata().getName();
      assertTrue(ClusterSetup.established(admin.apiextensions().v1().customResourceDefinitions().withName(name).get()),
          name + " not Established");
    }
  }

  @Test
  void everyExampleIsAcceptedAndStoredWithoutLosingFields(KubernetesClient admin) throws IOException {
    List<GenericKubernetesResource> docs = exampleDocuments();
    assertTrue(docs.stream().anyMatch(d -> "Model".equals(d.getKind())), "no Model example found");
    assertTrue(docs.stream().anyMatch(d -> "LiteLLMInstance".equals(d.getKind())), "no LiteLLMInstance example found");
    assertTrue(docs.stream().anyMatch(d -> "Credential".equals(d.getKind())), "no Credential example found");
    for (GenericKubernetesResource doc : docs) {
      if (doc.getMetadata().getNamespace() != null) {
        ClusterSetup.namespace(admin, doc.getMetadata().getNamespace());
      }
    }
    for (GenericKubernetesResource doc : docs) {
      if ("Namespace".equals(doc.getKind())) {
        continue; // created above, as kubectl apply -f docs/examples/ would (00-namespace.yaml sorts first)
      }
      String what = doc.getKind() + " " + doc.getMetadata().getName();
      GenericKubernetesResource stored = admin.resource(doc).create();
      assertNotNull(stored.getMetadata().getUid(), what);
      if (doc.getAdditionalProperties().containsKey("spec")) {
        Object sent = doc.getAdditionalProperties().get("spec");
        Object kept = admin.genericKubernetesResources(doc.getApiVersion(), doc.getKind())
            .inNamespace(doc.getMetadata().getNamespace()).withName(doc.getMetadata().getName()).get()
            .getAdditionalProperties().get("spec");
        List<String> lost = new ArrayList<>();
        missing("spec", sent, kept, lost);
        assertTrue(lost.isEmpty(), what + ": the API server dropped or changed " + lost);
      }
    }
  }

  static Stream<Arguments> malformed() {
    String number = "'^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$'";
    return Stream.of(
        Arguments.of("Model", "model-without-provider-model",
            Map.of("modelName", "m", "litellmParams", Map.of("rpm", 5)),
            "spec.litellmParams.model: Required value"),
        Arguments.of("Model", "model-with-empty-name",
            Map.of("modelName", "", "litellmParams", Map.of("model", "openai/gpt-4o")),
            "spec.modelName in body should be at least 1 chars long"),
        Arguments.of("Model", "model-with-text-rpm",
            Map.of("modelName", "m", "litellmParams", Map.of("model", "openai/gpt-4o", "rpm", "fast")),
            "spec.litellmParams.rpm in body must be of type integer"),
        Arguments.of("Model", "model-with-negative-tpm",
            Map.of("modelName", "m", "litellmParams", Map.of("model", "openai/gpt-4o", "tpm", -5)),
            "spec.litellmParams.tpm in body should be greater than or equal to 0"),
        Arguments.of("Model", "model-with-word-cost",
            Map.of("modelName", "m", "litellmParams", Map.of("model", "openai/gpt-4o", "inputCostPerToken", "cheap")),
            "spec.litellmParams.inputCostPerToken in body should match " + number),
        Arguments.of("Model", "model-with-nameless-instance-ref",
            Map.of("modelName", "m", "connectionRef", Map.of("instanceRef", Map.of("namespace", "x")),
                "litellmParams", Map.of("model", "openai/gpt-4o")),
            "spec.connectionRef.instanceRef.name: Required value"),
        Arguments.of("LiteLLMInstance", "instance-with-negative-replicas", Map.of("replicas", -1),
            "spec.replicas in body should be greater than or equal to 0"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("malformed")
  void malformedResourceIsRejectedWithTheSchemaMessage(String kind, String name, Map<String, Object> spec,
      String message, KubernetesClient admin) {
    GenericKubernetesResource bad = new GenericKubernetesResourceBuilder()
        .withApiVersion(GROUP_VERSION).withKind(kind)
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();

    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> admin.genericKubernetesResources(GROUP_VERSION, kind).inNamespace(NS).resource(bad).create());

    assertEquals(422, e.getCode(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    assertNull(admin.genericKubernetesResources(GROUP_VERSION, kind).inNamespace(NS).withName(name).get(),
        "rejected resource must not exist");
  }

  /** Every YAML document of docs/examples, as sent (generic: nothing added or dropped by Java types). */
  private static List<GenericKubernetesResource> exampleDocuments() throws IOException {
    List<GenericKubernetesResource> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no examples in " + EXAMPLES);
    for (Path file : files) {
      for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
        if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
          out.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
        }
      }
    }
    return out;
  }

  /** Collects the paths of {@code sent} that {@code kept} lacks or holds with another value (defaults may add more). */
  @SuppressWarnings("unchecked")
  static void missing(String path, Object sent, Object kept, List<String> lost) {
    if (sent instanceof Map<?, ?> sentMap) {
      if (!(kept instanceof Map<?, ?> keptMap)) {
        lost.add(path);
        return;
      }
      sentMap.forEach((k, v) -> missing(path + "." + k, v, keptMap.get(k), lost));
    } else if (sent instanceof List<?> sentList) {
      if (!(kept instanceof List<?> keptList) || keptList.size() != sentList.size()) {
        lost.add(path);
        return;
      }
      for (int i = 0; i < sentList.size(); i++) {
        missing(path + "[" + i + "]", sentList.get(i), keptList.get(i), lost);
      }
    } else if (!String.valueOf(sent).equals(String.valueOf(kept))) {
      lost.add(path + " (sent " + sent + ", kept " + kept + ")");
    }
  }
}
