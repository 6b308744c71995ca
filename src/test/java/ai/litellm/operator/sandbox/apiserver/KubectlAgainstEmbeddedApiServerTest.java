package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.Kubectl.Result;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed kubectl against the embedded server: apply (with validation on), get, get -o yaml, delete. */
class KubectlAgainstEmbeddedApiServerTest {
    private static final String MANIFEST = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: kubectl-demo
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: openai-key
        namespace: kubectl-demo
      type: Opaque
      stringData:
        apiKey: not-a-real-key
      ---
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: Model
      metadata:
        name: gpt-4o
        namespace: kubectl-demo
      spec:
        modelName: gpt-4o
        connectionRef:
          instanceRef:
            name: proxy
        litellmParams:
          model: openai/gpt-4o
        modelSecretRef:
          secretName: openai-key
      """;

  private static EmbeddedApiServer api;
  private static KubernetesClient client;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Kubectl.available(), "kubectl not installed at " + Kubectl.BINARY + ": skipped");
    api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
    client = api.newClient();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void applyGetAndDeleteWithKubectl() throws Exception {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    Path manifest = Files.writeString(dir.resolve("demo.yaml"), MANIFEST);

    Result apply = kubectl(kubeconfig, "apply", "-f", manifest.toString());
    assertEquals(0, apply.code(), apply.output());
    assertTrue(apply.output().contains("namespace/kubectl-demo created"), apply.output());
    assertTrue(apply.output().contains("secret/openai-key created"), apply.output());
    assertTrue(apply.output().contains("model.litellm.litellm.ai/gpt-4o created"), apply.output());
    Model stored = client.resources(Model.class).inNamespace("kubectl-demo").withName("gpt-4o").get();
    assertEquals("openai/gpt-4o", stored.getSpec().litellmParams.model);

    // A second apply of a changed manifest patches (JSON merge patch for the CR, strategic merge for the Secret).
    Path changed = Files.writeString(dir.resolve("changed.yaml"),
        MANIFEST.replace("model: openai/gpt-4o", "model: openai/gpt-4.1").replace("not-a-real-key", "other"));
    Result reapply = kubectl(kubeconfig, "apply", "-f", changed.toString());
    assertEquals(0, reapply.code(), reapply.output());
    assertTrue(reapply.output().contains("model.litellm.litellm.ai/gpt-4o configured"), reapply.output());
    assertEquals("openai/gpt-4.1", client.resources(Model.class).inNamespace("kubectl-demo").withName("gpt-4o")
        .get().getSpec().litellmParams.model);

    Result get = kubectl(kubeconfig, "get", "models", "-A");
    assertEquals(0, get.code(), get.output());
    assertTrue(get.output().contains("PROVIDER MODEL"), get.output());
    assertTrue(get.output().lines().anyMatch(l -> l.startsWith("kubectl-demo") && l.contains("gpt-4o")
        && l.contains("openai/gpt-4.1") && l.contains("proxy")), get.output());

    Result both = kubectl(kubeconfig, "get", "models,litellminstances", "-n", "kubectl-demo");
    assertEquals(0, both.code(), both.output());
    assertTrue(both.output().contains("model.litellm.litellm.ai/gpt-4o"), both.output());

    Result yaml = kubectl(kubeconfig, "get", "llmm", "-n", "kubectl-demo", "-o", "yaml");
    assertEquals(0, yaml.code(), yaml.output());
    assertTrue(yaml.output().contains("kind: Model"), yaml.output());
    assertTrue(yaml.output().contains("model: openai/gpt-4.1"), yaml.output());

    Result ssa = kubectl(kubeconfig, "apply", "--server-side", "-f", manifest.toString());
    assertEquals(0, ssa.code(), ssa.output());
    assertTrue(ssa.output().contains("model.litellm.litellm.ai/gpt-4o serverside-applied"), ssa.output());
    assertEquals("openai/gpt-4o", client.resources(Model.class).inNamespace("kubectl-demo").withName("gpt-4o")
        .get().getSpec().litellmParams.model);

    Result missing = kubectl(kubeconfig, "get", "llmm", "no-such-model", "-n", "kubectl-demo");
    assertTrue(missing.code() != 0, missing.output());
    assertTrue(missing.output().contains("Error from server (NotFound)"), missing.output());
    assertTrue(missing.output().contains("\"no-such-model\" not found"), missing.output());

    Result delete = kubectl(kubeconfig, "delete", "-f", manifest.toString());
    assertEquals(0, delete.code(), delete.output());
    assertTrue(delete.output().contains("model.litellm.litellm.ai \"gpt-4o\" deleted"), delete.output());
    assertNull(client.resources(Model.class).inNamespace("kubectl-demo").withName("gpt-4o").get());
    assertNull(client.secrets().inNamespace("kubectl-demo").withName("openai-key").get());
  }

  /** What the real server answers and the embedded one did not (issue #16.7b): Events in describe, the schema's 422. */
  @Test
  void describeShowsEventsAndCreateIsValidated() throws Exception {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig-describe"));
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("describe-demo").endMetadata().build()).create();
    Model model = client.resources(Model.class).inNamespace("describe-demo")
        .resource(TestModels.model("describe-demo", "described", "openai/mock")).create();
    client.v1().events().inNamespace("describe-demo").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName("described.1").endMetadata()
        .withNewInvolvedObject().withApiVersion("litellm.litellm.ai/v1alpha1").withKind("Model").withName("described")
        .withNamespace("describe-demo").withUid(model.getMetadata().getUid()).endInvolvedObject()
        .withReason("InstanceNotFound").withMessage("LiteLLMInstance describe-demo/proxy not found").withType("Warning")
        .withNewSource().withComponent("litellm-operator").endSource().build()).create();

    Result describe = kubectl(kubeconfig, "describe", "model", "described", "-n", "describe-demo");
    assertEquals(0, describe.code(), describe.output());
    String events = describe.output().substring(describe.output().indexOf("Events:"));
    assertTrue(events.contains("InstanceNotFound") && events.contains("litellm-operator"), describe.output());

    Path invalid = Files.writeString(dir.resolve("invalid.yaml"), """
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: Model
        metadata:
          name: negative-cost
          namespace: describe-demo
        spec:
          modelName: negative-cost
          connectionRef:
            instanceRef:
              name: proxy
          litellmParams:
            model: openai/mock
            inputCostPerToken: "-0.5"
        """);
    Result create = kubectl(kubeconfig, "create", "-v=6", "-f", invalid.toString());
    assertTrue(create.code() != 0, create.output());
    assertTrue(create.output().contains("422 Unprocessable Entity"), create.output());
    assertTrue(create.output().contains("The Model \"negative-cost\" is invalid")
        && create.output().contains("spec.litellmParams.inputCostPerToken"), create.output());
  }

  /** A {@code kind: List} is created item by item (each validated), and explain reads the CRD's schema (#16.7b). */
  @Test
  void createOfAListAndExplain() throws Exception {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig-list"));
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("list-demo").endMetadata().build()).create();
    Path list = Files.writeString(dir.resolve("list.yaml"), """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: litellm.litellm.ai/v1alpha1
          kind: Model
          metadata: {name: listed, namespace: list-demo}
          spec:
            modelName: listed
            connectionRef: {instanceRef: {name: proxy}}
            litellmParams: {model: openai/mock}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: listed, namespace: list-demo}
          data: {a: b}
        """);
    Result create = kubectl(kubeconfig, "create", "-f", list.toString());
    assertEquals(0, create.code(), create.output());
    assertTrue(create.output().contains("model.litellm.litellm.ai/listed created"), create.output());
    assertTrue(create.output().contains("configmap/listed created"), create.output());

    Result explain = kubectl(kubeconfig, "explain", "models.spec.litellmParams");
    assertEquals(0, explain.code(), explain.output());
    assertTrue(explain.output().contains("LiteLLM parameters of the deployment."), explain.output());
    assertTrue(explain.output().contains("inputCostPerToken") && explain.output().contains("<string>"),
        explain.output());
  }

  private static Result kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
    return new Kubectl(kubeconfig, dir).run(args);
  }
}
