package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.CrdRuleCases;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD rules of issue #14 (points 6 and 7) on a real v1.20 API server: every case of {@link CrdRuleCases} is
 * accepted and stored without losing a field, or rejected with 422 naming the field; and {@code kubectl get models}
 * shows each Model's connection.
 */
@RealCluster(controllerManager = false)
class CrdRulesRealClusterTest {
  private static final String NS = "rules";
  private static final String PRINTER_NS = "printer";

  @BeforeAll
  static void install(KubernetesClient admin) {
    ClusterSetup.installCrds(admin);
    ClusterSetup.namespace(admin, NS);
    ClusterSetup.namespace(admin, PRINTER_NS);
  }

  static List<CrdRuleCases.Case> cases() {
    return CrdRuleCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theApiServerAppliesTheRule(CrdRuleCases.Case c, KubernetesClient admin) {
    GenericKubernetesResource resource = Serialization.unmarshal(c.yaml(NS), GenericKubernetesResource.class);
    var resources = admin.genericKubernetesResources(resource.getApiVersion(), c.kind()).inNamespace(NS);
    if (c.accepted()) {
      resources.resource(resource).create();
      Object kept = resources.withName(c.name()).get().getAdditionalProperties().get("spec");
      List<String> lost = new ArrayList<>();
      CrdSchemaRealClusterTest.missing("spec", resource.getAdditionalProperties().get("spec"), kept, lost);
      assertTrue(lost.isEmpty(), "the API server dropped or changed " + lost);
      return;
    }
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> resources.resource(resource).create());
    assertEquals(422, e.getCode(), e.getMessage());
    String field = c.field().replaceAll("\\[\\d+]", ""); // v1.20 names a list item's field without its index
    assertTrue(e.getMessage().contains(field), "expected " + field + " in: " + e.getMessage());
    assertNull(resources.withName(c.name()).get(), "rejected resource must not exist");
  }

  @Test
  void bothRefsAreRejectedWithTheOneOfMessage(KubernetesClient admin) {
    CrdRuleCases.Case both = CrdRuleCases.all().stream().filter(c -> c.name().equals("both-refs")).findFirst()
        .orElseThrow();
    GenericKubernetesResource resource = Serialization.unmarshal(both.yaml(PRINTER_NS), GenericKubernetesResource.class);
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> admin.resource(resource).create());
    assertEquals(422, e.getCode(), e.getMessage());
    assertTrue(e.getMessage().contains("\"spec.connectionRef\" must validate one and only one schema (oneOf). Found 2"
        + " valid alternatives"), e.getMessage());
  }

  @Test
  void theConnectionColumnShowsTheRefThatIsSet(KubernetesClient admin, RealControlPlane plane) throws Exception {
    model(admin, "via-instance", Map.of("instanceRef", Map.of("name", "proxy")));
    model(admin, "via-secret", Map.of("secretRef", Map.of("namespace", "ops", "secretName", "litellm-conn")));

    HttpResponse<String> response = admin.getHttpClient().sendAsync(admin.getHttpClient().newHttpRequestBuilder()
        .uri(admin.getMasterUrl().toString().replaceAll("/$", "") + "/apis/litellm.litellm.ai/v1alpha1/namespaces/"
            + PRINTER_NS + "/models")
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), String.class)
        .get(2, TimeUnit.MINUTES);
    assertEquals(200, response.code(), response.body());
    Map<?, ?> table = Serialization.unmarshal(response.body(), Map.class);
    List<String> columns = ((List<?>) table.get("columnDefinitions")).stream()
        .map(d -> String.valueOf(((Map<?, ?>) d).get("name"))).toList();
    assertEquals(List.of("Name", "Ready", "Model", "Provider Model", "Connection", "Reason", "Model ID", "Age"),
        columns);
    int connection = columns.indexOf("Connection");
    Map<String, Object> cells = new TreeMap<>();
    for (Object row : (List<?>) table.get("rows")) {
      List<?> values = (List<?>) ((Map<?, ?>) row).get("cells");
      cells.put(String.valueOf(values.get(0)), values.get(connection));
    }
    assertEquals(Map.of("via-instance", "{\"instanceRef\":{\"name\":\"proxy\"}}",
        "via-secret", "{\"secretRef\":{\"namespace\":\"ops\",\"secretName\":\"litellm-conn\"}}"), cells);

    if (Kubectl.available()) {
      String out = Kubectl.of(plane).ok("get", "models", "-n", PRINTER_NS);
      System.out.println("kubectl get models -n " + PRINTER_NS + ":\n" + out); // docs/crd-reference.md shows it
      assertTrue(out.lines().findFirst().orElse("").contains("CONNECTION"), out);
      assertTrue(out.lines().anyMatch(l -> l.startsWith("via-secret")
          && l.contains("{\"secretRef\":{\"namespace\":\"ops\",\"secretName\":\"litellm-conn\"}}")), out);
    }
  }

  private static void model(KubernetesClient admin, String name, Map<String, Object> connection) {
    GenericKubernetesResource model = Serialization.unmarshal("apiVersion: litellm.litellm.ai/v1alpha1\nkind: Model\n"
        + "metadata: {name: " + name + ", namespace: " + PRINTER_NS + "}\n"
        + "spec: {modelName: " + name + ", litellmParams: {model: openai/gpt-4o}}\n", GenericKubernetesResource.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) model.getAdditionalProperties().get("spec");
    spec.put("connectionRef", connection);
    admin.resource(model).create();
  }
}
