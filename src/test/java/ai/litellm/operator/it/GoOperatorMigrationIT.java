package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.8: taking over objects the Go operator (bbdsoftware/litellm-operator) left behind, as the migration guide
 * in docs/operations.md ("Migrating from the Go operator") describes: its finalizer, its salt-less instance Secret, and
 * its unmarked LiteLLM rows named {@code <modelName>-[crd]}.
 */
class GoOperatorMigrationIT {
  static final String NS = "migrate";
  static final String GO_FINALIZER = "litellm-operator.litellm.ai/finalizer";
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.startWithoutSchemaAdmission(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
    c.resource(SandboxFixture.model(NS, "warm-up", "proxy", "openai/gpt-4o")).create(); // starts the fake proxy
    eventually("warm-up Ready", Duration.ofSeconds(60), () -> ready(c, NS, "warm-up"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aModelWithTheGoFinalizerTakesOursAndIsDeletableButOtherFinalizersStay() {
    Model m = SandboxFixture.model(NS, "legacy-fin", "proxy", "openai/gpt-4o");
    m.getMetadata().setFinalizers(new ArrayList<>(List.of(GO_FINALIZER, "example.com/keep")));
    c.resource(m).create();
    eventually("Ready", () -> ready(c, NS, "legacy-fin"));
    eventually("the Go finalizer replaced by ours", () -> {
      List<String> f = get(c, NS, "legacy-fin").getMetadata().getFinalizers();
      return f.contains(Finalizers.NAME) && !f.contains(GO_FINALIZER) && f.contains("example.com/keep");
    });
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    c.resource(get(c, NS, "legacy-fin")).delete();
    eventually("only the foreign finalizer is left", () ->
        get(c, NS, "legacy-fin").getMetadata().getFinalizers().equals(List.of("example.com/keep")));
    assertTrue(ModelFixtures.row(proxy, "legacy-fin").isEmpty(), "its LiteLLM model was deleted");
    Model left = get(c, NS, "legacy-fin");
    left.getMetadata().setFinalizers(List.of());
    c.resource(left).update();
    eventually("Model gone", () -> get(c, NS, "legacy-fin") == null);
  }

  @Test
  void aDeletingModelThatStillHasOnlyTheGoFinalizerGoes() {
    Model m = SandboxFixture.model(NS, "legacy-only", "proxy", "openai/gpt-4o");
    m.getMetadata().setFinalizers(new ArrayList<>(List.of(GO_FINALIZER, "example.com/hold")));
    c.resource(m).create();
    eventually("Ready", () -> ready(c, NS, "legacy-only"));
    c.resource(get(c, NS, "legacy-only")).delete();
    eventually("Go and our finalizers removed", () ->
        get(c, NS, "legacy-only").getMetadata().getFinalizers().equals(List.of("example.com/hold")));
    Model left = get(c, NS, "legacy-only");
    left.getMetadata().setFinalizers(List.of());
    c.resource(left).update();
    eventually("Model gone", () -> get(c, NS, "legacy-only") == null);
  }

  @Test
  void anInstanceWithTheGoFinalizerIsDeletable() {
    LiteLLMInstance i = SandboxFixture.instance(NS, "legacy-inst");
    i.getMetadata().setFinalizers(new ArrayList<>(List.of(GO_FINALIZER)));
    c.resource(i).create();
    eventually("Deployment rendered", Duration.ofSeconds(60), () ->
        c.apps().deployments().inNamespace(NS).withName("legacy-inst-deployment").get() != null);
    c.resources(LiteLLMInstance.class).inNamespace(NS).withName("legacy-inst").delete();
    eventually("instance gone", Duration.ofSeconds(60),
        () -> c.resources(LiteLLMInstance.class).inNamespace(NS).withName("legacy-inst").get() == null);
  }

  /**
   * The Go operator set no LITELLM_SALT_KEY, so LiteLLM encrypted credentials with the master key: that salt is kept.
   * Its {@code <n>-secrets} (key {@code masterkey} only, controlled by the instance) is put in place while the instance
   * cannot render (negative replicas), as it is when the operator starts on objects the Go operator left.
   */
  @Test
  void anInstanceSecretTheGoOperatorWroteKeepsTheMasterKeyAsSalt() {
    LiteLLMInstance i = SandboxFixture.instance(NS, "go-inst");
    i.getSpec().replicas = -1;
    c.resource(i).create();
    eventually("InvalidSpec", Duration.ofSeconds(60), () -> {
      LiteLLMInstance live = c.resources(LiteLLMInstance.class).inNamespace(NS).withName("go-inst").get();
      return live.getStatus() != null && live.getStatus().conditions != null
          && live.getStatus().conditions.stream().anyMatch(x -> "InvalidSpec".equals(x.getReason()));
    });
    LiteLLMInstance live = c.resources(LiteLLMInstance.class).inNamespace(NS).withName("go-inst").get();
    c.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withNamespace(NS)
        .withName("go-inst-secrets").withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(live.getApiVersion())
            .withKind(live.getKind()).withName("go-inst").withUid(live.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build()).endMetadata()
        .withStringData(Map.of("masterkey", "sk-go-master")).build()).create();
    live.getSpec().replicas = 1;
    c.resource(live).update();
    eventually("salt key written", Duration.ofSeconds(60), () -> data(secret("go-inst-secrets"), "saltkey") != null);
    assertEquals("sk-go-master", data(secret("go-inst-secrets"), "saltkey"), "the effective salt is kept");
    assertEquals("sk-go-master", data(secret("go-inst-secrets"), "masterkey"));
  }

  @Test
  void anUnmarkedRowIsAConflictWhoseAdviceNamesTheOptIn() {
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    String id = proxy.putModelDirectly(goRow("orphan-[crd]"));
    c.resource(withId(SandboxFixture.model(NS, "orphan", "proxy", "openai/gpt-4o"), id)).create();
    eventually("ModelIdConflict", () -> "ModelIdConflict".equals(ModelFixtures.reason(c, NS, "orphan", "Ready")));
    String message = condition(get(c, NS, "orphan"), "Ready");
    assertTrue(message.contains(ModelOwnership.ADOPT_ANNOTATION), message);
    assertFalse(message.contains("choose another spec.modelInfo.id"), message);
  }

  @Test
  void anUnmarkedRowWithTheSameIdAndGoNameIsAdoptedOnOptInAndDeletedWithTheModel() {
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    String id = proxy.putModelDirectly(goRow("adopt-me-[crd]"));
    Model m = withId(SandboxFixture.model(NS, "adopt-me", "proxy", "openai/gpt-4o"), id);
    m.getMetadata().setAnnotations(Map.of(ModelOwnership.ADOPT_ANNOTATION, "true"));
    c.resource(m).create();
    eventually("Ready", Duration.ofSeconds(30), () -> ready(c, NS, "adopt-me"),
        () -> "Ready " + ModelFixtures.reason(c, NS, "adopt-me", "Ready"));
    JsonObject row = rowById(proxy, id).orElseThrow();
    assertEquals("adopt-me", row.getString("model_name"));
    assertEquals(Map.of("adopt-me", 1L, "adopt-me-[crd]", 0L), Map.of("adopt-me", ModelFixtures.rows(proxy, "adopt-me"),
        "adopt-me-[crd]", ModelFixtures.rows(proxy, "adopt-me-[crd]")));
    assertEquals(get(c, NS, "adopt-me").getMetadata().getUid(),
        ModelOwnership.ownerUidOf(row.getJsonObject("model_info")), "the row carries our marker now");
    eventually("an Adopted Event", () -> !events(c, NS, "adopt-me", "Adopted").isEmpty());
    c.resource(get(c, NS, "adopt-me")).delete();
    eventually("Model gone", () -> get(c, NS, "adopt-me") == null);
    assertTrue(rowById(proxy, id).isEmpty(), "the adopted row is deleted with its Model");
  }

  @Test
  void anOptInAddedToAParkedModelLaterIsActedOnAtOnce() {
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    String id = proxy.putModelDirectly(goRow("late-[crd]"));
    c.resource(withId(SandboxFixture.model(NS, "late", "proxy", "openai/gpt-4o"), id)).create();
    eventually("ModelIdConflict", () -> "ModelIdConflict".equals(ModelFixtures.reason(c, NS, "late", "Ready")));
    // The opt-in comes after the Model parked: an annotation changes no generation, yet the user acted, so the Model
    // must look again now, not at the next --resync-period (30 minutes in this sandbox's config).
    c.resources(Model.class).inNamespace(NS).withName("late")
        .edit(m -> {
          m.getMetadata().setAnnotations(new java.util.HashMap<>(
              m.getMetadata().getAnnotations() == null ? Map.of() : m.getMetadata().getAnnotations()));
          m.getMetadata().getAnnotations().put(ModelOwnership.ADOPT_ANNOTATION, "true");
          return m;
        });
    eventually("Ready after the opt-in", Duration.ofSeconds(20), () -> ready(c, NS, "late"),
        () -> "Ready " + ModelFixtures.reason(c, NS, "late", "Ready"));
    assertEquals("late", rowById(proxy, id).orElseThrow().getString("model_name"));
  }

  @Test
  void anUnmarkedRowWhosePublicNameDiffersIsNeverAdopted() {
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "proxy");
    String id = proxy.putModelDirectly(goRow("someone-elses"));
    Model m = withId(SandboxFixture.model(NS, "mismatch", "proxy", "openai/gpt-4o"), id);
    m.getMetadata().setAnnotations(Map.of(ModelOwnership.ADOPT_ANNOTATION, "true"));
    c.resource(m).create();
    eventually("ModelIdConflict", () -> "ModelIdConflict".equals(ModelFixtures.reason(c, NS, "mismatch", "Ready")));
    assertEquals("someone-elses", rowById(proxy, id).orElseThrow().getString("model_name"), "left untouched");
  }

  /** A row as the Go operator's POST /model/new left it. */
  static JsonObject goRow(String modelName) {
    return new JsonObject().put("model_name", modelName)
        .put("litellm_params", new JsonObject().put("model", "openai/gpt-4o"))
        .put("model_info", new JsonObject().put("db_model", true));
  }

  static Model withId(Model m, String id) {
    m.getSpec().modelInfo = new ModelInfo();
    m.getSpec().modelInfo.id = id;
    return m;
  }

  static Optional<JsonObject> rowById(FakeLiteLLM proxy, String id) {
    return proxy.models().stream().filter(r -> id.equals(r.getString("model_id"))
        || (r.getJsonObject("model_info") != null && id.equals(r.getJsonObject("model_info").getString("id"))))
        .findFirst();
  }

  static String condition(Model m, String type) {
    return m.getStatus().conditions.stream().filter(x -> type.equals(x.getType())).findFirst()
        .map(x -> x.getMessage()).orElse("");
  }

  static Secret secret(String name) {
    return c.secrets().inNamespace(NS).withName(name).get();
  }

  static String data(Secret s, String key) {
    if (s == null || s.getData() == null || s.getData().get(key) == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }
}
