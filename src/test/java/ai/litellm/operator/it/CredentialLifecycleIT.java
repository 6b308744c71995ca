package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.controller.model.CredentialController;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 end to end: Credential CRs in, LiteLLM {@code /credentials} calls out, and Models that name a credential
 * ({@code litellmParams.litellmCredentialName}) wait for it and then really use it (the fake resolves the name per
 * request, as LiteLLM does). Each test works in its own namespace and proxy.
 */
class CredentialLifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final io.fabric8.kubernetes.client.dsl.base.PatchContext MERGE =
      io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);
  static Sandbox sandbox;
  static KubernetesClient c;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static FakeLiteLLM proxyIn(String ns) {
    return proxyIn(ns, Map.of());
  }

  private static FakeLiteLLM proxyIn(String ns, Map<String, String> annotations) {
    SandboxFixture.namespace(c, ns);
    var instance = SandboxFixture.instance(ns, "proxy");
    instance.getMetadata().setAnnotations(annotations);
    c.resource(instance).create();
    eventually("the instance of " + ns + " has its master key", WAIT,
        () -> c.secrets().inNamespace(ns).withName("proxy-secrets").get() != null);
    String key = new String(java.util.Base64.getDecoder().decode(c.secrets().inNamespace(ns).withName("proxy-secrets")
        .get().getData().get("masterkey")), java.nio.charset.StandardCharsets.UTF_8);
    return await(sandbox.proxies().proxyFor(ns, "proxy", key));
  }

  static Credential credential(String ns, String name, String instanceNs, String secret) {
    Credential cr = new Credential();
    cr.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    cr.getSpec().connectionRef = new ConnectionRef();
    cr.getSpec().connectionRef.instanceRef = new InstanceRef(instanceNs, "proxy");
    cr.getSpec().secretRef = new CredentialSecretRef();
    cr.getSpec().secretRef.secretName = secret;
    return cr;
  }

  static Model modelUsing(String ns, String name, String credentialName) {
    Model m = SandboxFixture.model(ns, name, "proxy", "openai/gpt-4o");
    m.getSpec().litellmParams.litellmCredentialName = credentialName;
    return m;
  }

  static Credential get(String ns, String name) {
    return c.resources(Credential.class).inNamespace(ns).withName(name).get();
  }

  static Optional<Condition> condition(String ns, String name, String type) {
    Credential cr = get(ns, name);
    if (cr == null || cr.getStatus() == null) {
      return Optional.empty();
    }
    return cr.getStatus().conditions.stream().filter(x -> x.getType().equals(type)).findFirst();
  }

  static boolean ready(String ns, String name) {
    Credential cr = get(ns, name);
    return cr != null && cr.getStatus() != null && cr.getMetadata().getGeneration().equals(cr.getStatus()
        .observedGeneration) && condition(ns, name, "Ready").map(x -> "True".equals(x.getStatus())).orElse(false);
  }

  static String reason(String ns, String name) {
    return condition(ns, name, "Ready").map(Condition::getReason).orElse(null);
  }

  static Optional<JsonObject> stored(FakeLiteLLM fake, String name) {
    return fake.credentials().stream().filter(j -> name.equals(j.getString("credential_name"))).findFirst();
  }

  static JsonObject storedValues(FakeLiteLLM fake, String name) {
    return stored(fake, name).map(j -> j.getJsonObject("credential_values")).orElse(new JsonObject());
  }

  static List<RecordedCall> credentialWrites(FakeLiteLLM fake) {
    return fake.calls().stream().filter(x -> x.path().startsWith("/credentials") && !x.method().equals("GET"))
        .toList();
  }

  static void resync(Credential cr) {
    sandbox.operator().operator().models().credentials().log().publish(new ResourceEvent(CredentialController.KIND,
        cr.getMetadata().getNamespace(), cr.getMetadata().getName(), cr.getMetadata().getUid(),
        cr.getMetadata().getResourceVersion(), cr.getMetadata().getGeneration(), EventType.RESYNC,
        System.currentTimeMillis()));
  }

  @Test
  void aModelWaitsForItsCredentialThenUsesItAndRotationIsOneCredentialWrite() {
    String ns = "cred-life";
    FakeLiteLLM fake = proxyIn(ns);
    c.resource(modelUsing(ns, "chat", "openai-team")).create();
    c.resource(modelUsing(ns, "chat-mini", "openai-team")).create();
    eventually("a Model whose credential does not exist says so", WAIT,
        () -> "CredentialNotReady".equals(ModelFixtures.reason(c, ns, "chat", "Ready")));
    assertTrue(ModelFixtures.rows(fake, "chat") == 0, "nothing is sent before the credential exists");

    SandboxFixture.secret(c, ns, "openai", Map.of("apiKey", "sk-first-1234", "apiBase", "https://api.example/v1"));
    c.resource(credential(ns, "openai-team", null, "openai")).create();
    eventually("the Credential is Ready", WAIT, () -> ready(ns, "openai-team"));
    eventually("its Models follow", WAIT, () -> ModelFixtures.ready(c, ns, "chat")
        && ModelFixtures.ready(c, ns, "chat-mini"));
    assertEquals("sk-first-1234", storedValues(fake, "openai-team").getString("api_key"));
    assertEquals("https://api.example/v1", storedValues(fake, "openai-team").getString("api_base"));
    String id = ModelFixtures.get(c, ns, "chat").getStatus().modelId;
    assertFalse(ModelFixtures.params(fake, "chat").containsKey("api_key"), "the Model carries no copy of the key");
    assertEquals("sk-first-1234", fake.effectiveParams(0, id).orElseThrow().getString("api_key"),
        "a request to the model runs with the credential's key");
    eventually("the Credential counts its Models", WAIT, () -> Integer.valueOf(2).equals(
        get(ns, "openai-team").getStatus().modelCount));
    Credential cr = get(ns, "openai-team");
    assertEquals("openai-team", cr.getStatus().credentialName);
    assertEquals(List.of("api_base", "api_key"), cr.getStatus().appliedKeys);
    assertFalse(cr.getStatus().toString().contains("sk-first"), "no value in status");

    // rotation: one credential write, no model write
    int credentialWritesBefore = credentialWrites(fake).size();
    int modelWritesBefore = ModelFixtures.writes(fake).size();
    SandboxFixture.secret(c, ns, "openai", Map.of("apiKey", "sk-second-5678", "apiBase", "https://api.example/v1"));
    eventually("the new key reaches LiteLLM", WAIT,
        () -> "sk-second-5678".equals(storedValues(fake, "openai-team").getString("api_key")));
    eventually("requests use the new key", WAIT,
        () -> "sk-second-5678".equals(fake.effectiveParams(0, id).orElseThrow().getString("api_key")));
    eventually("the status settles", WAIT, () -> ready(ns, "openai-team"));
    List<RecordedCall> rotation = credentialWrites(fake).subList(credentialWritesBefore, credentialWrites(fake).size());
    assertEquals(1, rotation.size(), "one credential write: " + rotation);
    assertEquals("PATCH", rotation.get(0).method());
    assertEquals(modelWritesBefore, ModelFixtures.writes(fake).size(), "no Model was written");

    // a removed key is removed from LiteLLM (a PATCH overlays values and cannot do it)
    SandboxFixture.secret(c, ns, "openai", Map.of("apiKey", "sk-second-5678"));
    eventually("api_base is gone from the credential", WAIT,
        () -> stored(fake, "openai-team").isPresent() && !storedValues(fake, "openai-team").containsKey("api_base"));
    eventually("and from the status", WAIT, () -> List.of("api_key").equals(get(ns, "openai-team").getStatus()
        .appliedKeys));
    assertEquals("sk-second-5678", storedValues(fake, "openai-team").getString("api_key"));
  }

  @Test
  void aCredentialInUseIsKeptUntilItsLastModelGoes() {
    String ns = "cred-inuse";
    FakeLiteLLM fake = proxyIn(ns);
    SandboxFixture.secret(c, ns, "anthropic", Map.of("apiKey", "sk-ant-0001"));
    c.resource(credential(ns, "anthropic", null, "anthropic")).create();
    c.resource(modelUsing(ns, "claude", "anthropic")).create();
    eventually("the Model is Ready", WAIT, () -> ModelFixtures.ready(c, ns, "claude"));

    c.resources(Credential.class).inNamespace(ns).withName("anthropic").delete();
    eventually("the deleting Credential says who uses it", WAIT, () -> "CredentialInUse".equals(reason(ns,
        "anthropic")));
    String message = condition(ns, "anthropic", "Ready").orElseThrow().getMessage();
    assertTrue(message.contains(ns + "/claude"), message);
    assertTrue(stored(fake, "anthropic").isPresent(), "still in LiteLLM while used");
    assertFalse(ModelFixtures.events(c, ns, "anthropic", "CredentialInUse").isEmpty(), "a Warning Event says so");
    eventually("its Model learns the credential is going", WAIT,
        () -> "CredentialNotReady".equals(ModelFixtures.reason(c, ns, "claude", "Ready")));

    c.resources(Model.class).inNamespace(ns).withName("claude").delete();
    eventually("the Credential goes after its last Model", WAIT, () -> get(ns, "anthropic") == null);
    assertTrue(stored(fake, "anthropic").isEmpty(), "and so does the credential in LiteLLM");
  }

  @Test
  void aLostAnswerIsAdoptedAndDriftIsRepaired() {
    String ns = "cred-faults";
    FakeLiteLLM fake = proxyIn(ns);
    SandboxFixture.secret(c, ns, "azure", Map.of("apiKey", "az-key-0001", "apiVersion", "2024-06-01"));
    fake.loseNextCredentialWrite(FakeLiteLLMOptions.LostResponse.RESET_CONNECTION);
    c.resource(credential(ns, "azure", null, "azure")).create();
    eventually("the Credential is Ready after the lost answer", WAIT, () -> ready(ns, "azure"));
    assertEquals(1, fake.credentials().size(), "exactly one credential");
    assertFalse(ModelFixtures.events(c, ns, "azure", "Adopted").isEmpty(), "the adoption is told in an Event");

    assertTrue(fake.deleteCredentialDirectly("azure"));
    resync(get(ns, "azure"));
    eventually("a credential deleted behind the operator's back is written again", WAIT,
        () -> stored(fake, "azure").isPresent());
    assertEquals("2024-06-01", storedValues(fake, "azure").getString("api_version"));
    eventually("the repair is told in an Event", WAIT,
        () -> !ModelFixtures.events(c, ns, "azure", "DriftRepaired").isEmpty());
  }

  @Test
  void badInputSaysWhatIsWrongWithoutEchoingValues() {
    String ns = "cred-bad";
    FakeLiteLLM fake = proxyIn(ns);
    c.resource(credential(ns, "no-secret", null, "missing")).create();
    eventually("a missing Secret is named", WAIT, () -> "SecretNotFound".equals(reason(ns, "no-secret")));

    SandboxFixture.secret(c, ns, "misspelt", Map.of("api_key", "sk-misspelt-9999"));
    c.resource(credential(ns, "misspelt", null, "misspelt")).create();
    eventually("a Secret that fills nothing is named", WAIT, () -> "SecretIncomplete".equals(reason(ns, "misspelt")));
    assertFalse(condition(ns, "misspelt", "Ready").orElseThrow().getMessage().contains("sk-misspelt"));

    SandboxFixture.secret(c, ns, "partial", Map.of("apiKey", "sk-partial-0000"));
    Credential mapped = credential(ns, "mapped", null, "partial");
    mapped.getSpec().secretRef.keys = new ai.litellm.operator.api.CredentialSecretKeys();
    mapped.getSpec().secretRef.keys.apiKey = "apiKey";
    mapped.getSpec().secretRef.keys.apiBase = "endpoint";
    c.resource(mapped).create();
    eventually("a mapped key that is missing is named", WAIT, () -> "SecretKeyMissing".equals(reason(ns, "mapped")));
    assertTrue(condition(ns, "mapped", "Ready").orElseThrow().getMessage().contains("'endpoint'"));
    assertFalse(ModelFixtures.events(c, ns, "mapped", "SecretKeyMissing").isEmpty(), "an Event too");

    fake.putCredentialDirectly("hand-made", new JsonObject().put("api_key", "sk-hand"), new JsonObject());
    SandboxFixture.secret(c, ns, "mine", Map.of("apiKey", "sk-mine-1111"));
    Credential clash = credential(ns, "clash", null, "mine");
    clash.getSpec().credentialName = "hand-made";
    c.resource(clash).create();
    eventually("a name LiteLLM holds for someone else is refused", WAIT,
        () -> "CredentialNameConflict".equals(reason(ns, "clash")));
    assertEquals("sk-hand", storedValues(fake, "hand-made").getString("api_key"), "and left as it was");
    assertTrue(fake.credentials().stream().noneMatch(j -> j.encode().contains("sk-mine")), "nothing was sent");
  }

  @Test
  void aCredentialInAnotherNamespaceServesModelsItAllows() {
    String team = "cred-team";
    FakeLiteLLM fake = proxyIn(team, Map.of("litellm.litellm.ai/allowed-referrers", "cred-platform"));
    SandboxFixture.namespace(c, "cred-platform");
    SandboxFixture.secret(c, "cred-platform", "shared", Map.of("apiKey", "sk-shared-4242"));
    c.resource(credential("cred-platform", "shared", team, "shared")).create();
    eventually("the platform's Credential is Ready on the team's proxy", WAIT, () -> ready("cred-platform",
        "shared"));
    assertNotNull(stored(fake, "shared").orElse(null));

    c.resource(modelUsing(team, "borrower", "shared")).create();
    eventually("a Model of another namespace is not allowed without a grant", WAIT,
        () -> "CredentialNotReady".equals(ModelFixtures.reason(c, team, "borrower", "Ready")));
    String message = ModelFixtures.get(c, team, "borrower").getStatus().conditions.stream()
        .filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow().getMessage();
    assertTrue(message.contains("does not allow use from namespace " + team), message);

    c.resources(Credential.class).inNamespace("cred-platform").withName("shared").patch(MERGE,
        "{\"metadata\":{\"annotations\":{\"litellm.litellm.ai/allowed-referrers\":\"" + team + "\"}}}");
    eventually("the grant lets it in", WAIT, () -> ModelFixtures.ready(c, team, "borrower"));
    String id = ModelFixtures.get(c, team, "borrower").getStatus().modelId;
    assertEquals("sk-shared-4242", fake.effectiveParams(0, id).orElseThrow().getString("api_key"));
  }

  @Test
  void aRenamedCredentialKeepsItsOldNameUntilItsModelsMove() {
    String ns = "cred-rename";
    FakeLiteLLM fake = proxyIn(ns);
    SandboxFixture.secret(c, ns, "key", Map.of("apiKey", "sk-rename-7777"));
    c.resource(credential(ns, "provider", null, "key")).create();
    c.resource(modelUsing(ns, "user", "provider")).create();
    eventually("the Model is Ready", WAIT, () -> ModelFixtures.ready(c, ns, "user"));

    // merge patches, as kubectl patch: the operator writes these objects' status meanwhile
    c.resources(Credential.class).inNamespace(ns).withName("provider").patch(MERGE,
        "{\"spec\":{\"credentialName\":\"provider-v2\"}}");
    eventually("the new name is stored", WAIT, () -> stored(fake, "provider-v2").isPresent());
    eventually("the old one is kept for the Model that uses it", WAIT,
        () -> "provider".equals(get(ns, "provider").getStatus().previousCredentialName));
    assertTrue(stored(fake, "provider").isPresent(), "the Model's requests still find their key");

    c.resources(Model.class).inNamespace(ns).withName("user").patch(MERGE,
        "{\"spec\":{\"litellmParams\":{\"litellmCredentialName\":\"provider-v2\"}}}");
    eventually("the Model moved", WAIT, () -> ModelFixtures.ready(c, ns, "user")
        && "provider-v2".equals(ModelFixtures.get(c, ns, "user").getStatus().litellmParams.litellmCredentialName));
    resync(get(ns, "provider"));
    eventually("the old name is deleted once unused", WAIT, () -> stored(fake, "provider").isEmpty()
        && get(ns, "provider").getStatus().previousCredentialName == null);
  }

  @Test
  void aDeletedInstanceKeepsItsProxyUntilItsCredentialsAreDeleted() {
    String ns = "cred-teardown";
    FakeLiteLLM fake = proxyIn(ns);
    SandboxFixture.secret(c, ns, "key", Map.of("apiKey", "sk-teardown-1"));
    c.resource(credential(ns, "provider", null, "key")).create();
    eventually("the Credential is Ready", WAIT, () -> ready(ns, "provider"));
    c.resources(ai.litellm.operator.api.LiteLLMInstance.class).inNamespace(ns).withName("proxy").delete();
    c.resources(Credential.class).inNamespace(ns).withName("provider").delete();
    eventually("the Credential is gone", WAIT, () -> get(ns, "provider") == null);
    assertTrue(stored(fake, "provider").isEmpty(), "its credential was deleted from LiteLLM, not left behind");
    eventually("then the instance goes", WAIT, () -> c.resources(ai.litellm.operator.api.LiteLLMInstance.class)
        .inNamespace(ns).withName("proxy").get() == null);
  }
}
