package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.2 on a real control plane: {@code kubectl delete namespace} of a namespace holding a LiteLLMInstance and
 * the Models that use it. The real namespace controller deletes everything in it at once (the instance, its Secrets,
 * its Deployment, the Models); the operator must still delete each Model's LiteLLM row before the instance goes, and
 * the namespace must finish. The fake proxy lives outside the namespace: it is the database that outlives it.
 */
@RealCluster
class InstanceNamespaceDeletionRealClusterTest {
  private static final String NS = "doomed-pair";
  private static final String INSTANCE = "proxy";
  private static final int MODELS = 20;

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void startOperator(RealControlPlane cp, KubernetesClient client) {
    Assumptions.assumeTrue(Kubectl.available(), "the namespace is deleted with the real kubectl");
    admin = client;
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new);
    operator.start(RealOperator.testConfig());
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  /** The namespace with the instance and its Models, all Ready, their rows in the instance's fake proxy. */
  private static FakeLiteLLM readyNamespace(String ns, List<String> names) {
    ClusterSetup.namespace(admin, ns);
    admin.resource(Fixtures.instance(ns, INSTANCE)).create();
    names.forEach(n -> admin.resource(Fixtures.model(ns, n, INSTANCE)).create());
    names.forEach(n -> awaitModelReady(admin, ns, n));
    Fixtures.awaitInstanceReady(admin, ns, INSTANCE);
    FakeLiteLLM proxy = operator.proxy(ns, INSTANCE);
    assertNotNull(proxy, "the instance's fake proxy");
    names.forEach(n -> assertEquals(1, ModelFixtures.rows(proxy, n), n + "'s row"));
    assertEquals(names.size(), proxy.models().size());
    assertTrue(Finalizers.has(Fixtures.getInstance(admin, ns, INSTANCE)), "the instance carries the finalizer");
    assertTrue(Finalizers.has(admin.secrets().inNamespace(ns).withName(InstanceNames.secret(INSTANCE)).get()),
        "the Secret with the instance's master key carries the finalizer");
    return proxy;
  }

  private static List<String> models(String prefix) {
    return IntStream.range(0, MODELS).mapToObj(i -> prefix + i).toList();
  }

  private static void awaitNamespaceGone(String ns, FakeLiteLLM proxy) {
    eventually("namespace " + ns + " deleted", ClusterSetup.WAIT, () -> admin.namespaces().withName(ns).get() == null,
        () -> "rows left " + proxy.models().size() + "; namespace " + Fixtures.yaml(admin.namespaces().withName(ns).get()));
  }

  /** Gone, or deleted and held by a finalizer. */
  private static boolean deleted(HasMetadata obj) {
    return obj == null || obj.getMetadata().getDeletionTimestamp() != null;
  }

  private static void assertNoRowLeft(FakeLiteLLM proxy) {
    assertEquals(List.of(), proxy.models().stream().map(r -> r.getString("model_name")).toList(),
        "rows left behind in the proxy's database, which outlives the namespace");
  }

  @Test
  void deletingTheNamespaceOfAnInstanceAndItsModelsFinishesAndLeavesNoRowInTheProxy(RealControlPlane cp) {
    FakeLiteLLM proxy = readyNamespace(NS, models("m-"));

    // When the instance object goes, how many of its Models' rows are still in the proxy (-1: not seen going).
    AtomicReference<Integer> rowsWhenInstanceWent = new AtomicReference<>(-1);
    AtomicReference<Instant> instanceWentAt = new AtomicReference<>();
    SharedIndexInformer<LiteLLMInstance> watch = admin.resources(LiteLLMInstance.class).inNamespace(NS)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(LiteLLMInstance obj) {}

          @Override
          public void onUpdate(LiteLLMInstance old, LiteLLMInstance obj) {}

          @Override
          public void onDelete(LiteLLMInstance obj, boolean finalStateUnknown) {
            rowsWhenInstanceWent.compareAndSet(-1, proxy.models().size());
            instanceWentAt.compareAndSet(null, Instant.now());
          }
        }, 0);
    try {
      long started = System.nanoTime();
      Kubectl.of(cp).ok("delete", "namespace", NS, "--wait=false");
      awaitNamespaceGone(NS, proxy);
      System.out.printf("namespace %s with 1 instance and %d Models deleted in %d ms%n", NS, MODELS,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      eventually("the instance's deletion observed", Duration.ofSeconds(30), () -> instanceWentAt.get() != null);
    } finally {
      watch.stop();
    }

    assertNoRowLeft(proxy);
    assertEquals(0, rowsWhenInstanceWent.get(), "the instance went before its Models' rows were deleted");
    List<RecordedCall> deletes = proxy.calls("/model/delete").stream().filter(c -> c.status() == 200).toList();
    assertEquals(MODELS, deletes.size(), "one LiteLLM delete per Model: " + deletes);
    Instant lastDelete = deletes.stream().map(RecordedCall::time).max(Instant::compareTo).orElseThrow();
    assertTrue(!lastDelete.isAfter(instanceWentAt.get()), "a row was deleted at " + lastDelete
        + ", after the instance went at " + instanceWentAt.get());
  }

  /**
   * The namespace controller deletes the namespace's resources type by type in no fixed order, so the Secret with the
   * instance's master key may go before the operator has handled the deleting Models (a busy or restarting operator
   * makes that certain). The Models must still reach the proxy to delete their rows.
   */
  @Test
  void theNamespaceDeletedWhileTheOperatorIsDownLeavesNoRowEither(RealControlPlane cp) {
    String ns = "doomed-while-down";
    FakeLiteLLM proxy = readyNamespace(ns, models("d-"));

    operator.stop();
    try {
      Kubectl.of(cp).ok("delete", "namespace", ns, "--wait=false");
      // The namespace controller's first pass: every object without a finalizer is gone, the rest is terminating.
      eventually("the namespace controller's first pass", ClusterSetup.WAIT, () ->
          admin.apps().deployments().inNamespace(ns).list().getItems().isEmpty()
              && deleted(admin.secrets().inNamespace(ns).withName(InstanceNames.secret(INSTANCE)).get())
              && deleted(Fixtures.getInstance(admin, ns, INSTANCE)) && deleted(Fixtures.getModel(admin, ns, "d-0")));
    } finally {
      operator.start(RealOperator.testConfig());
    }
    awaitNamespaceGone(ns, proxy);
    assertNoRowLeft(proxy);
  }
}
