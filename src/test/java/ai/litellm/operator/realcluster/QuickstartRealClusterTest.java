package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitInstanceReady;
import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart set (docs/examples/quickstart: a namespace, a small PostgreSQL, a LiteLLMInstance that uses
 * it and one Model) on a real API server and controller-manager, applied file by file in order as
 * {@code kubectl apply -f docs/examples/quickstart/} does: every object is accepted, the operator renders the proxy
 * with the database Secret the set provides, and instance and Model become Ready (the proxy is a fake LiteLLM, the
 * Pods are made Ready by a simulated kubelet: the control plane runs no containers).
 */
@RealCluster
class QuickstartRealClusterTest {
  private static final Path QUICKSTART = Path.of("docs", "examples", "quickstart");
  private static final String NS = "litellm-quickstart";

  static RealOperator operator;

  @BeforeAll
  static void startOperator(RealControlPlane cp, KubernetesClient admin) {
    operator = RealOperator.prepare(cp, admin, FakeLiteLLMOptions::new);
    operator.start(RealOperator.testConfig());
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void theQuickstartSetIsAcceptedAndItsInstanceAndModelBecomeReady(KubernetesClient admin) throws IOException {
    List<GenericKubernetesResource> docs = documents();
    assertEquals(List.of("Namespace", "Secret", "Deployment", "Service", "Secret", "LiteLLMInstance", "Model"),
        docs.stream().map(GenericKubernetesResource::getKind).toList());
    for (GenericKubernetesResource doc : docs) {
      GenericKubernetesResource stored = admin.resource(doc).create();
      assertNotNull(stored.getMetadata().getUid(), doc.getKind() + " " + doc.getMetadata().getName());
    }

    awaitInstanceReady(admin, NS, "quickstart");
    awaitModelReady(admin, NS, "quickstart-mock");

    // The proxy reads its database from the set's Secret, not from one that does not exist.
    Deployment proxy = admin.apps().deployments().inNamespace(NS).withName(InstanceNames.deployment("quickstart"))
        .get();
    assertNotNull(proxy, "the operator rendered no proxy Deployment");
    List<String> secretsUsed = new ArrayList<>();
    for (EnvVar env : proxy.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
        secretsUsed.add(env.getValueFrom().getSecretKeyRef().getName());
      }
    }
    assertTrue(secretsUsed.contains("litellm-postgres"), "database Secret not used: " + secretsUsed);
    for (String secret : secretsUsed) {
      assertNotNull(admin.secrets().inNamespace(NS).withName(secret).get(), "the proxy needs Secret " + secret);
    }
    assertFalse(secretsUsed.stream().anyMatch(s -> s.contains("redis")), "the quickstart needs no Redis");
  }

  /** The set's documents in the order kubectl applies them (files sorted by name, documents in file order). */
  private static List<GenericKubernetesResource> documents() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(QUICKSTART)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (Path file : files) {
      for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
        if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
          out.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
        }
      }
    }
    return out;
  }
}
