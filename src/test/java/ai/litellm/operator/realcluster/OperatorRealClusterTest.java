package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitInstanceReady;
import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.testing.Await.eventually;
import static ai.litellm.operator.realcluster.Fixtures.getModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Ingress;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.KubeServices;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.InstanceRenderer;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.render.RenderedInstance;
import ai.litellm.operator.render.ResolvedInstanceInputs;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real operator (as {@code litellm-operator run}, under the chart's default RBAC) against a real API server and
 * controller-manager, with fake LiteLLM proxies: server-side apply of an instance's children, no writes when nothing
 * changed, garbage collection, Model sync and finalizers, conflicts, namespace deletion. One operator for the class;
 * each test works in a namespace of its own. The last test checks that RBAC never refused the operator a request.
 */
@RealCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorRealClusterTest {
  private static final String INSTANCE = "proxy";

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void startOperator(RealControlPlane cp, KubernetesClient client) {
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

  // --- LiteLLMInstance ---

  @Test
  @Order(1)
  void instanceChildrenAreServerSideAppliedAndOwned() {
    String ns = "apply";
    LiteLLMInstance inst = createInstance(ns, INSTANCE, true);
    awaitInstanceReady(admin, ns, INSTANCE);

    for (HasMetadata child : children(ns, INSTANCE, true)) {
      String what = child.getKind() + " " + child.getMetadata().getName();
      assertNotNull(child, what);
      assertTrue(child.getMetadata().getManagedFields().stream().anyMatch(OperatorRealClusterTest::operatorApply),
          what + " not server-side applied by " + ServerSideApplier.FIELD_MANAGER + ": "
              + child.getMetadata().getManagedFields());
      if (child instanceof io.fabric8.kubernetes.api.model.Secret) {
        assertEquals("keep", child.getMetadata().getAnnotations().get("litellm.litellm.ai/resource-policy"),
            "the salt key Secret outlives its instance: no controller reference");
        continue;
      }
      OwnerReference controller = child.getMetadata().getOwnerReferences().stream()
          .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElseThrow();
      assertEquals(inst.getMetadata().getUid(), controller.getUid(), what);
      assertEquals("LiteLLMInstance", controller.getKind(), what);
    }
  }

  @Test
  @Order(2)
  void unchangedInstanceIsNotWrittenAgain() throws Exception {
    String ns = "steady";
    LiteLLMInstance inst = createInstance(ns, INSTANCE, true);
    awaitInstanceReady(admin, ns, INSTANCE);
    Map<String, String> before = fingerprints(children(ns, INSTANCE, true));
    long appliesBefore = operator.requests("apply"::equals, c -> true);
    double reconcilesBefore = operator.counter("controller.runtime.reconcile", "controller", "instance");

    // A metadata-only change makes the operator reconcile the instance again; nothing it renders changed.
    admin.resources(LiteLLMInstance.class).inNamespace(ns).withName(INSTANCE)
        .edit(i -> {
          i.getMetadata().setAnnotations(Map.of("example.com/touched", "yes"));
          return i;
        });
    eventually("instance reconciled again", ClusterSetup.WAIT,
        () -> operator.counter("controller.runtime.reconcile", "controller", "instance") > reconcilesBefore);
    assertEquals(before, fingerprints(children(ns, INSTANCE, true)), "the operator rewrote unchanged children");
    assertEquals(appliesBefore, operator.requests("apply"::equals, c -> true), "apply requests for unchanged objects");

    // The operator skips unchanged objects on its own; also prove the rendered objects are a fixpoint of server-side
    // apply on a real API server (no defaulted or normalised field fights us): re-applying them as a freshly started
    // operator would (no cache, no live object) changes no resourceVersion.
    KubeServices kube = operator.process().operator().kube();
    ServerSideApplier fresh = new ServerSideApplier(kube.client(), kube.bridge(), kube.limiter());
    for (HasMetadata desired : render(inst).all()) {
      HasMetadata live = fresh.apply(desired, null).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES)
          .live();
      String key = desired.getKind() + "/" + desired.getMetadata().getName();
      assertEquals(before.get(key), fingerprint(live), key + " changed by re-applying the same configuration");
    }
  }

  @Test
  @Order(3)
  void deletingAnInstanceGarbageCollectsItsChildren() {
    String ns = "gc";
    createInstance(ns, INSTANCE, true);
    awaitInstanceReady(admin, ns, INSTANCE);
    assertEquals(5, children(ns, INSTANCE, true).size());

    admin.resources(LiteLLMInstance.class).inNamespace(ns).withName(INSTANCE).delete();

    // Everything but the salt key Secret, which outlives its instance (SaltKeyRealClusterTest).
    eventually("children of the deleted instance garbage collected", ClusterSetup.WAIT, () -> children(ns, INSTANCE, true).size() == 1
        && children(ns, INSTANCE, true).get(0) instanceof io.fabric8.kubernetes.api.model.Secret,
        () -> versions(children(ns, INSTANCE, true)).toString());
  }

  // --- Model ---

  @Test
  @Order(4)
  void modelSyncsAndItsFinalizerBlocksDeletionUntilLiteLLMIsCleaned() throws InterruptedException {
    String ns = "finalizer";
    createInstance(ns, INSTANCE, false);
    admin.resource(Fixtures.model(ns, "gpt-4o", INSTANCE)).create();
    awaitModelReady(admin, ns, "gpt-4o");
    Model m = getModel(admin, ns, "gpt-4o");
    FakeLiteLLM proxy = operator.proxy(ns, INSTANCE);
    JsonObject stored = only(proxy.models());
    assertEquals(m.getStatus().modelId, stored.getJsonObject("model_info").getString("id"));
    assertEquals(m.getMetadata().getUid(), ModelOwnership.ownerUidOf(stored.getJsonObject("model_info")));
    assertEquals("openai/gpt-4o", stored.getJsonObject("litellm_params").getString("model"));
    assertTrue(Finalizers.has(m), "finalizer missing");
    // The finalizer and the status are recorded as the operator's, under its own name (read untyped: the Model type
    // skips managedFields), not as whatever fabric8-based client wrote them.
    var managers = admin.genericKubernetesResources("litellm.litellm.ai/v1alpha1", "Model").inNamespace(ns)
        .withName("gpt-4o").get().getMetadata().getManagedFields();
    // All of the manager's entries: from Kubernetes 1.22 the status patch gets an entry of its own (subresource).
    String owned = managers.stream().filter(f -> ServerSideApplier.FIELD_MANAGER.equals(f.getManager()))
        .map(f -> String.valueOf(f.getFieldsV1().getAdditionalProperties())).collect(Collectors.joining(" "));
    assertTrue(owned.contains("f:finalizers") && owned.contains("f:status"),
        "the finalizer and status are not filed under " + ServerSideApplier.FIELD_MANAGER + ": " + managers);

    proxy.options().down(true);
    admin.resource(m).delete();
    // While LiteLLM cannot be reached the Model stays (terminating) and its LiteLLM model stays too.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until) {
      Model terminating = getModel(admin, ns, "gpt-4o");
      assertNotNull(terminating, "Model deleted before LiteLLM was cleaned");
      assertEquals(1, proxy.models().size());
      Thread.sleep(250);
    }
    assertNotNull(getModel(admin, ns, "gpt-4o").getMetadata().getDeletionTimestamp());

    proxy.options().down(false);
    eventually("Model gone", ClusterSetup.WAIT, () -> getModel(admin, ns, "gpt-4o") == null);
    assertTrue(proxy.models().isEmpty(), "LiteLLM model left behind: " + proxy.models());
  }

  @Test
  @Order(5)
  void finalizerReleaseRetriesAfterAConflictAndConverges() throws InterruptedException {
    String ns = "conflict";
    createInstance(ns, INSTANCE, false);
    admin.resource(Fixtures.model(ns, "claude", INSTANCE)).create();
    awaitModelReady(admin, ns, "claude");
    FakeLiteLLM proxy = operator.proxy(ns, INSTANCE);
    long failedPatchesBefore = failedPatches();

    // The LiteLLM delete takes 6 s; meanwhile someone else updates the terminating Model, so the resourceVersion the
    // finalizer patch tests is stale: the patch must fail, the reconcile retry, and the finalizer still be released.
    proxy.options().latencyMs(6_000);
    admin.resources(Model.class).inNamespace(ns).withName("claude").delete();
    eventually("deletion observed", ClusterSetup.WAIT, () -> getModel(admin, ns, "claude").getMetadata().getDeletionTimestamp() != null);
    Thread.sleep(2_000);
    admin.resources(Model.class).inNamespace(ns).withName("claude")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"example.com/moved\":\"yes\"}}}");
    proxy.options().latencyMs(0);

    eventually("Model gone after the conflict", ClusterSetup.WAIT, () -> getModel(admin, ns, "claude") == null);
    assertTrue(proxy.models().isEmpty(), "LiteLLM model left behind: " + proxy.models());
    long conflicts = failedPatches() - failedPatchesBefore;
    assertTrue(conflicts >= 1, "the stale finalizer patch was expected to fail (409/422) at least once");
  }

  @Test
  @Order(6)
  void modelsConvergeWhileOthersKeepUpdatingThem() throws Exception {
    String ns = "busy";
    int count = 10;
    createInstance(ns, INSTANCE, false);
    AtomicBoolean hammering = new AtomicBoolean(true);
    AtomicInteger generation = new AtomicInteger();
    List<Throwable> hammerErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> names = IntStream.range(0, count).mapToObj(i -> "busy-" + i).toList();
    names.forEach(n -> admin.resource(Fixtures.model(ns, n, INSTANCE)).create());
    // Another controller keeps relabelling every Model while the operator adds finalizers and writes status.
    Thread hammer = new Thread(() -> {
      try {
        while (hammering.get()) {
          int g = generation.incrementAndGet();
          for (String n : names) {
            admin.resources(Model.class).inNamespace(ns).withName(n).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"example.com/round\":\"" + g + "\"}}}");
          }
        }
      } catch (RuntimeException e) {
        hammerErrors.add(e);
      }
    }, "label-hammer");
    hammer.start();
    try {
      names.forEach(n -> awaitModelReady(admin, ns, n));
      eventually("five rounds of concurrent label updates", ClusterSetup.WAIT, () -> generation.get() >= 5 || !hammerErrors.isEmpty());
    } finally {
      hammering.set(false);
      hammer.join(TimeUnit.MINUTES.toMillis(1));
    }
    assertTrue(hammerErrors.isEmpty(), "label updates failed: " + hammerErrors);
    String last = Integer.toString(generation.get());
    for (String n : names) {
      Model m = getModel(admin, ns, n);
      assertTrue(Finalizers.has(m), n + " lost its finalizer");
      assertEquals(last, m.getMetadata().getLabels().get("example.com/round"), n + ": a label update was lost");
      assertTrue(Fixtures.isReady(m), n + " not Ready after the concurrent updates");
    }
    assertEquals(count, operator.proxy(ns, INSTANCE).models().size(), "one LiteLLM model per Model");
  }

  @Test
  @Order(7)
  void deletingANamespaceFullOfModelsFinishes() {
    String ns = "doomed";
    int count = 40;
    createInstance(ns, INSTANCE, false);
    for (int i = 0; i < count; i++) {
      admin.resource(Fixtures.model(ns, "m-" + i, INSTANCE)).create();
    }
    for (int i = 0; i < count; i++) {
      awaitModelReady(admin, ns, "m-" + i);
    }
    assertEquals(count, operator.proxy(ns, INSTANCE).models().size());
    // Until now any 403 is an RBAC denial; from here the API server also refuses writes into the terminating namespace.
    assertEquals(0, operator.forbiddenRequests(), "RBAC refused the operator: " + operator.rbacDenials());

    admin.namespaces().withName(ns).delete();

    eventually("namespace " + ns + " deleted", ClusterSetup.WAIT, () -> admin.namespaces().withName(ns).get() == null,
        () -> admin.resources(Model.class).inNamespace(ns).list().getItems().size() + " Models left; namespace "
            + Fixtures.yaml(admin.namespaces().withName(ns).get()));
  }

  // --- RBAC ---

  @Test
  @Order(100)
  void operatorRanConfinedToTheChartRbacAndWasNeverForbidden() {
    assertTrue(operator.requests(v -> true, c -> true) > 0, "the operator made no Kubernetes request");
    assertEquals(List.of(), operator.rbacDenials(), "RBAC refused the operator: the chart's ClusterRole lacks a rule");
    try (KubernetesClient asOperator = operator.serviceAccountClient()) {
      // Bound to the chart's RBAC and nothing else: what it does not grant is refused, even on the operator's own
      // Secret (garbage collection deletes it, never the operator).
      KubernetesClientException deleteSecret = assertThrows(KubernetesClientException.class,
          () -> asOperator.secrets().inNamespace("apply").withName(InstanceNames.secret(INSTANCE)).delete());
      assertEquals(403, deleteSecret.getCode());
      KubernetesClientException pods = assertThrows(KubernetesClientException.class,
          () -> asOperator.pods().inNamespace("default").list());
      assertEquals(403, pods.getCode());
      assertTrue(operator.isRbacDenial(pods.getMessage()), "the denial detector misses: " + pods.getMessage());
      KubernetesClientException deleteModels = assertThrows(KubernetesClientException.class,
          () -> asOperator.resources(Model.class).inNamespace("default").withName("any").delete());
      assertEquals(403, deleteModels.getCode());
    }
  }

  // --- helpers ---

  private static LiteLLMInstance createInstance(String ns, String name, boolean ingress) {
    ClusterSetup.namespace(admin, ns);
    LiteLLMInstance inst = Fixtures.instance(ns, name);
    if (ingress) {
      inst.getSpec().ingress = new Ingress();
      inst.getSpec().ingress.enabled = true;
      inst.getSpec().ingress.host = name + "." + ns + ".example.com";
    }
    return admin.resource(inst).create();
  }

  /** The instance's children that exist now (Ingress only when {@code ingress}). */
  private static List<HasMetadata> children(String ns, String name, boolean ingress) {
    List<HasMetadata> out = new ArrayList<>();
    addIfPresent(out, admin.configMaps().inNamespace(ns).withName(InstanceNames.configMap(name)).get());
    addIfPresent(out, admin.secrets().inNamespace(ns).withName(InstanceNames.secret(name)).get());
    addIfPresent(out, admin.apps().deployments().inNamespace(ns).withName(InstanceNames.deployment(name)).get());
    addIfPresent(out, admin.services().inNamespace(ns).withName(InstanceNames.service(name)).get());
    if (ingress) {
      addIfPresent(out, admin.network().v1().ingresses().inNamespace(ns).withName(InstanceNames.ingress(name)).get());
    }
    return out;
  }

  private static void addIfPresent(List<HasMetadata> out, HasMetadata obj) {
    if (obj != null) {
      out.add(obj);
    }
  }

  private static Map<String, String> versions(List<HasMetadata> objects) {
    Map<String, String> out = new LinkedHashMap<>();
    objects.forEach(o -> out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    return out;
  }

  /**
   * What changes when the operator writes an object: its resourceVersion, except for Deployments, whose status the
   * real Deployment controller keeps writing; for those the generation (spec) and the operator's managedFields entry
   * (its time moves whenever an apply of ours changes anything).
   */
  private static Map<String, String> fingerprints(List<HasMetadata> objects) {
    Map<String, String> out = new LinkedHashMap<>();
    objects.forEach(o -> out.put(o.getKind() + "/" + o.getMetadata().getName(), fingerprint(o)));
    return out;
  }

  private static String fingerprint(HasMetadata o) {
    if (!"Deployment".equals(o.getKind())) {
      return "rv " + o.getMetadata().getResourceVersion();
    }
    ManagedFieldsEntry ours = o.getMetadata().getManagedFields().stream().filter(OperatorRealClusterTest::operatorApply)
        .findFirst().orElse(null);
    return "generation " + o.getMetadata().getGeneration() + ", applied "
        + (ours == null ? "never" : ours.getTime() + " " + ours.getFieldsV1());
  }

  private static boolean operatorApply(ManagedFieldsEntry e) {
    return ServerSideApplier.FIELD_MANAGER.equals(e.getManager()) && "Apply".equals(e.getOperation());
  }

  /** What the operator renders for {@code inst}, with the keys it generated (read back from the instance Secret). */
  private static RenderedInstance render(LiteLLMInstance inst) {
    Secret keys = admin.secrets().inNamespace(inst.getMetadata().getNamespace())
        .withName(InstanceNames.secret(inst.getMetadata().getName())).get();
    LiteLLMInstance live = Fixtures.getInstance(admin, inst.getMetadata().getNamespace(), inst.getMetadata().getName());
    return InstanceRenderer.render(live, new ResolvedInstanceInputs(decode(keys, InstanceNames.MASTER_KEY),
        decode(keys, InstanceNames.SALT_KEY), Map.of(), OperatorSettings.DEFAULTS));
  }

  private static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static long failedPatches() {
    return operator.requests("patch"::equals, c -> !"2xx".equals(c));
  }

  private static JsonObject only(List<JsonObject> models) {
    assertEquals(1, models.size(), "expected exactly one LiteLLM model: " + models);
    return models.get(0);
  }

}
