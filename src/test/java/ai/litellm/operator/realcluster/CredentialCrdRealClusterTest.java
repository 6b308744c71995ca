package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Credential CRD (issue #17) on a real v1.20 API server, as the chart installs it: served under its short name
 * and in category litellm with its printer columns, well-formed Credentials admitted and stored whole, malformed ones
 * refused with 422 and the schema's message (the controller never sees them), unknown fields pruned, and the status
 * subresource writable without touching the spec's generation (the operator's status patches must not look like spec
 * changes, or every status write would trigger another reconcile).
 */
@RealCluster(controllerManager = false)
class CredentialCrdRealClusterTest {
  private static final String GROUP_VERSION = "litellm.litellm.ai/v1alpha1";
  private static final String NS = "credentials";
  private static final String PRINTER_NS = "credential-printer";

  @BeforeAll
  static void install(KubernetesClient admin) {
    ClusterSetup.installCrds(admin);
    ClusterSetup.namespace(admin, NS);
    ClusterSetup.namespace(admin, PRINTER_NS);
  }

  @Test
  void discoveryServesTheShortNameAndTheCategory(KubernetesClient admin) {
    APIResource credentials = admin.getApiResources(GROUP_VERSION).getResources().stream()
        .filter(r -> "credentials".equals(r.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("credentials not served in " + GROUP_VERSION));
    assertEquals("Credential", credentials.getKind());
    assertTrue(credentials.getNamespaced());
    assertEquals(List.of("llmcred"), credentials.getShortNames());
    assertEquals(List.of("litellm"), credentials.getCategories());
    assertTrue(admin.getApiResources(GROUP_VERSION).getResources().stream()
        .anyMatch(r -> "credentials/status".equals(r.getName())), "no status subresource served");
  }

  @Test
  void printerColumnsShowTheStatusAndKubectlFindsCredentialsByShortNameAndCategory(KubernetesClient admin,
      RealControlPlane plane) throws Exception {
    var credentials = credentials(admin, PRINTER_NS);
    credentials.resource(credential(PRINTER_NS, "openai-prod",
        "{instanceRef: {name: proxy}}", "credentialName: openai-prod,", "")).create();
    patchStatus(credentials.withName("openai-prod"), "{\"credentialName\":\"openai-prod\",\"modelCount\":2,"
        + "\"conditions\":[" + condition("Ready", "True", "Applied") + "," + condition("Synced", "True", "Applied")
        + "]}");

    HttpResponse<String> response = admin.getHttpClient().sendAsync(admin.getHttpClient().newHttpRequestBuilder()
        .uri(admin.getMasterUrl().toString().replaceAll("/$", "") + "/apis/" + GROUP_VERSION + "/namespaces/"
            + PRINTER_NS + "/credentials")
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), String.class)
        .get(2, TimeUnit.MINUTES);
    assertEquals(200, response.code(), response.body());
    Map<?, ?> table = Serialization.unmarshal(response.body(), Map.class);
    List<String> columns = ((List<?>) table.get("columnDefinitions")).stream()
        .map(d -> String.valueOf(((Map<?, ?>) d).get("name"))).toList();
    assertEquals(List.of("Name", "Ready", "Credential", "Instance", "Models", "Reason", "Secret", "Age"), columns);
    List<?> rows = (List<?>) table.get("rows");
    assertEquals(1, rows.size(), response.body());
    List<?> cells = (List<?>) ((Map<?, ?>) rows.get(0)).get("cells");
    assertEquals(List.of("openai-prod", "True", "openai-prod", "proxy", 2, "Applied", "openai"), cells.subList(0, 7));

    if (Kubectl.available()) {
      Kubectl kubectl = Kubectl.of(plane);
      String byShortName = kubectl.ok("get", "llmcred", "-n", PRINTER_NS);
      System.out.println("kubectl get llmcred -n " + PRINTER_NS + ":\n" + byShortName); // as docs/crd-reference.md
      assertTrue(byShortName.lines().findFirst().orElse("").matches("NAME\\s+READY\\s+CREDENTIAL\\s+INSTANCE\\s+MODELS"
          + "\\s+AGE\\s*"), byShortName);
      assertTrue(byShortName.lines().anyMatch(l -> l.matches("openai-prod\\s+True\\s+openai-prod\\s+proxy\\s+2\\s+.*")),
          byShortName);
      String byCategory = kubectl.ok("get", "litellm", "-n", PRINTER_NS, "-o", "name");
      assertTrue(byCategory.lines().anyMatch("credential.litellm.litellm.ai/openai-prod"::equals), byCategory);
    }
  }

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of("via-instance", "{instanceRef: {name: proxy, namespace: platform}}",
            "credentialName: openai-prod,", "keys: {apiKey: OPENAI_API_KEY, apiBase: base},"
                + " extraKeys: {organization: org-id},"),
        Arguments.of("via-secret", "{secretRef: {secretName: litellm-conn, namespace: ops}}",
            "credentialName: azure.eu_1,", "keys: {apiKey: key, apiVersion: version},"),
        // credentialName defaults to metadata.name, so it may be left out.
        Arguments.of("no-credential-name", "{instanceRef: {name: proxy}}", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void wellFormedCredentialIsAdmittedAndStoredWhole(String name, String connection, String credentialName,
      String secretRefExtras, KubernetesClient admin) {
    var credentials = credentials(admin, NS);
    GenericKubernetesResource sent = credential(NS, name, connection, credentialName, secretRefExtras);
    credentials.resource(sent).create();

    Object kept = credentials.withName(name).get().getAdditionalProperties().get("spec");
    List<String> lost = new ArrayList<>();
    CrdSchemaRealClusterTest.missing("spec", sent.getAdditionalProperties().get("spec"), kept, lost);
    assertTrue(lost.isEmpty(), "the API server dropped or changed " + lost);
  }

  static Stream<Arguments> malformed() {
    String good = "{instanceRef: {name: proxy}}";
    return Stream.of(
        Arguments.of("without-secret-ref", yaml("without-secret-ref", "connectionRef: " + good + ","
            + " credentialName: c"), "spec.secretRef: Required value"),
        Arguments.of("without-secret-name", yaml("without-secret-name", "connectionRef: " + good + ","
            + " secretRef: {namespace: team-a}"), "spec.secretRef.secretName: Required value"),
        Arguments.of("empty-secret-name", yaml("empty-secret-name", "connectionRef: " + good + ","
            + " secretRef: {secretName: ''}"), "spec.secretRef.secretName in body should be at least 1 chars long"),
        Arguments.of("slash-in-credential-name", yaml("slash-in-credential-name", "connectionRef: " + good + ","
                + " credentialName: openai/prod, secretRef: {secretName: openai}"),
            "spec.credentialName in body should match '^[A-Za-z0-9][A-Za-z0-9._-]*$'"),
        Arguments.of("without-connection-ref", yaml("without-connection-ref", "secretRef: {secretName: openai}"),
            "spec.connectionRef: Required value"),
        Arguments.of("both-refs", yaml("both-refs", "connectionRef: {instanceRef: {name: proxy},"
                + " secretRef: {secretName: litellm-conn}}, secretRef: {secretName: openai}"),
            "\"spec.connectionRef\" must validate one and only one schema (oneOf). Found 2 valid alternatives"),
        Arguments.of("neither-ref", yaml("neither-ref", "connectionRef: {}, secretRef: {secretName: openai}"),
            "\"spec.connectionRef\" must validate one and only one schema (oneOf). Found none valid"),
        Arguments.of("instance-name-too-long", yaml("instance-name-too-long",
                "connectionRef: {instanceRef: {name: " + "p".repeat(56) + "}}, secretRef: {secretName: openai}"),
            "spec.connectionRef.instanceRef.name in body should be at most 55 chars long"),
        Arguments.of("text-extra-key", yaml("text-extra-key", "connectionRef: " + good + ","
                + " secretRef: {secretName: openai, extraKeys: {organization: {key: org}}}"),
            "spec.secretRef.extraKeys.organization in body must be of type string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedCredentialIsRefusedWithTheSchemaMessage(String name, String yaml, String message,
      KubernetesClient admin) {
    var credentials = credentials(admin, NS);
    GenericKubernetesResource bad = Serialization.unmarshal(yaml, GenericKubernetesResource.class);

    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> credentials.resource(bad).create());

    assertEquals(422, e.getCode(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    assertNull(credentials.withName(name).get(), "refused Credential must not exist");
  }

  @Test
  void unknownFieldsArePrunedAndCredentialInfoIsKeptAsSent(KubernetesClient admin) {
    var credentials = credentials(admin, NS);
    credentials.resource(Serialization.unmarshal(yaml("with-unknown-fields", "connectionRef: {instanceRef:"
        + " {name: proxy, port: 4000}}, secretRef: {secretName: openai, keys: {apiKey: key, token: t}},"
        + " credentialInfo: {description: prod, nested: {anything: [1, 2]}}, rotate: weekly"),
        GenericKubernetesResource.class)).create();

    Map<?, ?> spec = (Map<?, ?>) credentials.withName("with-unknown-fields").get().getAdditionalProperties()
        .get("spec");
    assertFalse(spec.containsKey("rotate"), "unknown spec field kept: " + spec);
    assertEquals(Map.of("name", "proxy"), ((Map<?, ?>) spec.get("connectionRef")).get("instanceRef"));
    assertEquals(Map.of("apiKey", "key"), ((Map<?, ?>) spec.get("secretRef")).get("keys"),
        "a key mapping the schema does not name must not survive: the controller would never read it");
    assertEquals(Map.of("description", "prod", "nested", Map.of("anything", List.of(1, 2))),
        spec.get("credentialInfo"), "credentialInfo is free-form (x-kubernetes-preserve-unknown-fields)");
  }

  @Test
  void statusIsWrittenOnlyThroughItsSubresourceAndDoesNotBumpTheGeneration(KubernetesClient admin) {
    var credentials = credentials(admin, NS);
    GenericKubernetesResource sent = credential(NS, "status-only", "{instanceRef: {name: proxy}}", "", "");
    sent.getAdditionalProperties().put("status", Map.of("credentialName", "forged"));
    GenericKubernetesResource created = credentials.resource(sent).create();
    assertNull(created.getAdditionalProperties().get("status"), "a create must not set the status");
    long generation = created.getMetadata().getGeneration();

    patchStatus(credentials.withName("status-only"), "{\"observedGeneration\":" + generation
        + ",\"credentialName\":\"status-only\",\"connection\":\"credentials/proxy\",\"appliedHash\":\"h1\","
        + "\"modelCount\":0,\"conditions\":[" + condition("Ready", "True", "Applied") + "]}");

    GenericKubernetesResource afterStatus = credentials.withName("status-only").get();
    assertEquals(generation, afterStatus.getMetadata().getGeneration(), "a status patch bumped the generation");
    Map<?, ?> status = (Map<?, ?>) afterStatus.getAdditionalProperties().get("status");
    assertEquals("status-only", status.get("credentialName"));
    assertEquals("credentials/proxy", status.get("connection"));
    assertEquals("h1", status.get("appliedHash"));

    credentials.withName("status-only").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"credentialName\":\"renamed\"},\"status\":{\"appliedHash\":\"forged\"}}");
    GenericKubernetesResource afterSpec = credentials.withName("status-only").get();
    assertEquals(generation + 1, afterSpec.getMetadata().getGeneration(), "a spec change must bump the generation");
    assertEquals("h1", ((Map<?, ?>) afterSpec.getAdditionalProperties().get("status")).get("appliedHash"),
        "the main resource must ignore status: only the subresource writes it");
  }

  @Test
  void aStatusPatchOutsideTheSchemaIsRefused(KubernetesClient admin) {
    var credentials = credentials(admin, NS);
    credentials.resource(credential(NS, "bad-status", "{instanceRef: {name: proxy}}", "", "")).create();

    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> patchStatus(credentials.withName("bad-status"), "{\"modelCount\":-1}"));

    assertEquals(422, e.getCode(), e.getMessage());
    assertTrue(e.getMessage().contains("status.modelCount in body should be greater than or equal to 0"),
        e.getMessage());
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> credentials(KubernetesClient admin, String ns) {
    return admin.genericKubernetesResources(GROUP_VERSION, "Credential").inNamespace(ns);
  }

  /** A Credential whose Secret is {@code openai}; {@code credentialName} and {@code secretRefExtras} end in ','. */
  private static GenericKubernetesResource credential(String ns, String name, String connection,
      String credentialName, String secretRefExtras) {
    return Serialization.unmarshal("apiVersion: " + GROUP_VERSION + "\nkind: Credential\n"
        + "metadata: {name: " + name + ", namespace: " + ns + "}\n"
        + "spec: {connectionRef: " + connection + ", " + credentialName
        + " secretRef: {" + secretRefExtras + " secretName: openai}}\n", GenericKubernetesResource.class);
  }

  private static String yaml(String name, String spec) {
    return "apiVersion: " + GROUP_VERSION + "\nkind: Credential\nmetadata: {name: " + name + ", namespace: " + NS
        + "}\nspec: {" + spec + "}\n";
  }

  /** A JSON patch of the status subresource, as the operator's StatusPatcher writes it. */
  private static void patchStatus(Resource<GenericKubernetesResource> credential, String statusJson) {
    credential.subresource("status").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + statusJson + "}]");
  }

  private static String condition(String type, String status, String reason) {
    return "{\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\","
        + "\"reason\":\"" + reason + "\",\"message\":\"" + reason + "\"}";
  }
}
