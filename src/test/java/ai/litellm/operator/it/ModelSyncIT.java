package ai.litellm.operator.it;

import ai.litellm.operator.testing.Await;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.params;
import static ai.litellm.operator.controller.model.ModelFixtures.publishResync;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.row;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.controller.model.ModelFixtures.writes;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelInfo;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4, points 2, 3, 4 and 7: credentials from the model Secret and every spec param (costs as numbers) reach
 * LiteLLM; ids, names and the ownership marker; a create whose answer was lost is adopted, not duplicated; models
 * without our marker are never touched; LiteLLM is called only when the payload changed, a removed parameter really
 * goes; status carries what was applied (no secrets) and is not rewritten when nothing changed.
 */
class ModelSyncIT {
  static final String NS = "sync";
  static Sandbox sandbox;
  static KubernetesClient c;
  static FakeLiteLLM proxy;

  @BeforeAll
  static void start() {
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(), FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
    c.resource(SandboxFixture.model(NS, "warm-up", "proxy", "openai/gpt-4o")).create();
    eventually("warm-up Ready", () -> ready(c, NS, "warm-up"));
    proxy = sandbox.proxies().proxy(NS, "proxy");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void secretValuesAndEverySpecParamReachLiteLLMAndStatusHoldsNoSecret() {
    SandboxFixture.secret(c, NS, "creds", Map.of("apiKey", "sk-provider-1", "apiBase", "https://llm.example.com",
        "awsAccessKeyId", "AKIA-TEST-1", "awsSecretAccessKey", "aws-secret-1", "vertexCredentials", "{\"type\":\"sa\"}",
        "vertexProject", "project-1", "unrelated", "ignored"));
    Model m = SandboxFixture.model(NS, "full", "proxy", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef(null, "creds");
    var p = m.getSpec().litellmParams;
    p.inputCostPerToken = "0.000001";
    p.outputCostPerToken = "2e-6";
    p.maxBudget = "100.5";
    p.budgetDuration = "30d";
    p.rpm = 60;
    p.tpm = 100_000L;
    p.timeout = 30;
    p.maxRetries = 2;
    p.apiVersion = "2024-06-01";
    c.resource(m).create();
    eventually("full Ready", () -> ready(c, NS, "full"));

    JsonObject sent = params(proxy, "full");
    assertEquals("sk-provider-1", sent.getString("api_key"));
    assertEquals("https://llm.example.com", sent.getString("api_base"));
    assertEquals("AKIA-TEST-1", sent.getString("aws_access_key_id"));
    assertEquals("aws-secret-1", sent.getString("aws_secret_access_key"));
    assertEquals("{\"type\":\"sa\"}", sent.getString("vertex_credentials"));
    assertEquals("project-1", sent.getString("vertex_project"));
    assertInstanceOf(Number.class, sent.getValue("input_cost_per_token"), "costs are numbers");
    assertEquals(0.000001, sent.getDouble("input_cost_per_token"), 1e-12);
    assertEquals(0.000002, sent.getDouble("output_cost_per_token"), 1e-12);
    assertInstanceOf(Number.class, sent.getValue("max_budget"));
    assertEquals(100.5, sent.getDouble("max_budget"), 1e-9);
    assertEquals("30d", sent.getString("budget_duration"));
    assertEquals(60, sent.getInteger("rpm"));
    assertEquals(100_000L, sent.getLong("tpm"));
    assertEquals(2, sent.getInteger("max_retries"));
    assertEquals("2024-06-01", sent.getString("api_version"));
    assertFalse(sent.containsKey("unrelated"));

    Model got = get(c, NS, "full");
    var st = got.getStatus();
    String statusJson = Serialization.asJson(st);
    for (String secret : List.of("sk-provider-1", "llm.example.com", "AKIA-TEST-1", "aws-secret-1", "project-1")) {
      assertFalse(statusJson.contains(secret), "status must not hold " + secret + ": " + statusJson);
    }
    assertEquals(row(proxy, "full").orElseThrow().getJsonObject("model_info").getString("id"), st.modelId);
    assertEquals("full", st.modelName);
    assertEquals("openai/gpt-4o", st.litellmParams.model);
    assertEquals("0.000001", st.litellmParams.inputCostPerToken);
    assertEquals(60, st.litellmParams.rpm);
    assertNull(st.litellmParams.apiKey);
    assertEquals(got.getMetadata().getGeneration(), st.observedGeneration);
    assertNotNull(st.lastUpdated);
    var readyCond = Conditions.find(st.conditions, "Ready").orElseThrow();
    var syncedCond = Conditions.find(st.conditions, "Synced").orElseThrow();
    assertEquals("True", readyCond.getStatus());
    assertEquals("Synced", readyCond.getReason());
    assertEquals("True", syncedCond.getStatus());
    assertTrue(st.appliedPayloadHash != null && st.appliedPayloadHash.matches("[0-9a-f]{32}"),
        "the applied payload has a status field of its own: " + st.appliedPayloadHash);
    assertFalse(syncedCond.getMessage().contains(st.appliedPayloadHash.substring(0, 16)), "not a message to parse");
  }

  @Test
  void idsNamesAndOwnershipMarker() {
    Model derived = SandboxFixture.model(NS, "derived-id", "proxy", "openai/gpt-4o");
    derived.getSpec().modelName = "GPT-4o (prod)";
    c.resource(derived).create();
    Model explicit = SandboxFixture.model(NS, "explicit-id", "proxy", "openai/gpt-4o");
    explicit.getSpec().modelInfo = new ModelInfo();
    explicit.getSpec().modelInfo.id = "team-explicit-1";
    c.resource(explicit).create();
    eventually("both Ready", () -> ready(c, NS, "derived-id") && ready(c, NS, "explicit-id"));

    Model d = get(c, NS, "derived-id");
    assertTrue(d.getStatus().modelId.startsWith("k8s-" + d.getMetadata().getUid() + "-"), d.getStatus().modelId);
    JsonObject row = row(proxy, "GPT-4o (prod)").orElseThrow(() -> new AssertionError("model_name must be exact"));
    assertEquals(d.getStatus().modelId, row.getJsonObject("model_info").getString("id"));
    assertEquals(NS + "/derived-id", row.getJsonObject("model_info").getString("litellm_operator_owner"));
    assertEquals(d.getMetadata().getUid(), row.getJsonObject("model_info").getString("litellm_operator_uid"));
    assertEquals("GPT-4o (prod)", d.getStatus().modelName);

    assertEquals("team-explicit-1", get(c, NS, "explicit-id").getStatus().modelId);
    assertEquals("team-explicit-1", row(proxy, "explicit-id").orElseThrow().getJsonObject("model_info").getString("id"));
  }

  @ParameterizedTest
  @EnumSource(FakeLiteLLMOptions.LostResponse.class)
  void aCreateWhoseAnswerWasLostIsAdoptedNotDuplicated(FakeLiteLLMOptions.LostResponse how) {
    String name = "lost-" + how.name().toLowerCase().replace('_', '-');
    proxy.resetCalls();
    proxy.loseNextCreateResponse(how);
    c.resource(SandboxFixture.model(NS, name, "proxy", "openai/gpt-4o")).create();
    eventually(name + " Ready", () -> ready(c, NS, name));
    assertEquals(1, rows(proxy, name), "exactly one model in LiteLLM");
    List<RecordedCall> creates = proxy.calls("/model/new");
    assertTrue(creates.size() >= 2, "the lost create was retried: " + creates);
    assertTrue(creates.stream().anyMatch(call -> call.status() == 500), "the retry hit the duplicate id: " + creates);
    assertEquals(get(c, NS, name).getStatus().modelId,
        row(proxy, name).orElseThrow().getJsonObject("model_info").getString("id"));
  }

  @Test
  void aModelWithoutOurMarkerIsNeverTouched() {
    JsonObject foreign = new JsonObject().put("model_name", "hand-made")
        .put("litellm_params", new JsonObject().put("model", "openai/hand").put("rpm", 5))
        .put("model_info", new JsonObject().put("id", "hand-made-id"));
    proxy.putModelDirectly(foreign);
    proxy.resetCalls();
    Model claim = SandboxFixture.model(NS, "claims-foreign", "proxy", "openai/gpt-4o");
    claim.getSpec().modelInfo = new ModelInfo();
    claim.getSpec().modelInfo.id = "hand-made-id";
    c.resource(claim).create();
    eventually("ModelIdConflict", () -> "ModelIdConflict".equals(reason(c, NS, "claims-foreign", "Ready")));
    assertTrue(writes(proxy).stream().noneMatch(call -> call.path().contains("hand-made-id")
        || call.path().equals("/model/delete")), "no write touched the foreign model: " + writes(proxy));
    JsonObject after = row(proxy, "hand-made").orElseThrow();
    assertEquals(5, after.getJsonObject("litellm_params").getInteger("rpm"));
    assertEquals("openai/hand", after.getJsonObject("litellm_params").getString("model"));

    c.resource(get(c, NS, "claims-foreign")).delete();
    eventually("claims-foreign gone", () -> get(c, NS, "claims-foreign") == null);
    assertTrue(row(proxy, "hand-made").isPresent(), "deleting the Model leaves the foreign model alone");
  }

  @Test
  void liteLLMIsCalledOnlyWhenThePayloadChangedAndARemovedParameterReallyGoes() {
    Model m = SandboxFixture.model(NS, "upd", "proxy", "openai/gpt-4o");
    m.getSpec().litellmParams.rpm = 10;
    m.getSpec().litellmParams.tpm = 1000L;
    c.resource(m).create();
    eventually("upd Ready", () -> ready(c, NS, "upd"));
    Model applied = get(c, NS, "upd");
    String id = applied.getStatus().modelId;

    // Resyncs: nothing changed, so no LiteLLM call at all and no status write.
    proxy.resetCalls();
    for (int i = 0; i < 5; i++) {
      publishResync(sandbox, applied);
      Await.sleep(200);
    }
    Await.sleep(1000);
    assertEquals(List.of(), proxy.calls(), "a resync of an unchanged Model makes no LiteLLM call");
    assertEquals(applied.getMetadata().getResourceVersion(), get(c, NS, "upd").getMetadata().getResourceVersion(),
        "a resync of an unchanged Model writes no status");

    // A changed value: one PATCH, no re-create.
    proxy.resetCalls();
    edit("upd", x -> {
      x.getSpec().litellmParams.rpm = 20;
      return x;
    });
    eventually("rpm 20 in LiteLLM", () -> params(proxy, "upd").getInteger("rpm") == 20);
    eventually("Synced for the new generation", () -> {
      Model now = get(c, NS, "upd");
      return now.getStatus().observedGeneration.equals(now.getMetadata().getGeneration()) && ready(c, NS, "upd");
    });
    List<RecordedCall> w = writes(proxy);
    assertEquals(1, w.size(), "one write: " + w);
    assertEquals("PATCH", w.get(0).method());
    assertEquals("/model/" + id + "/update", w.get(0).path());

    // A removed value cannot be PATCHed away (null means "keep"): delete + create under the same id.
    proxy.resetCalls();
    edit("upd", x -> {
      x.getSpec().litellmParams.tpm = null;
      return x;
    });
    eventually("tpm gone from LiteLLM", () -> row(proxy, "upd").isPresent() && !params(proxy, "upd").containsKey("tpm"));
    assertEquals(1, rows(proxy, "upd"));
    assertEquals(20, params(proxy, "upd").getInteger("rpm"));
    assertEquals(id, row(proxy, "upd").orElseThrow().getJsonObject("model_info").getString("id"));
    List<String> paths = writes(proxy).stream().map(RecordedCall::path).toList();
    assertEquals(List.of("/model/delete", "/model/new"), paths);
    eventually("upd Ready again", () -> ready(c, NS, "upd") && get(c, NS, "upd").getStatus().litellmParams.tpm == null);
  }

  @Test
  void aKeyThatLeavesThePayloadLeavesLiteLLM() {
    // Reads never show a key, so without a record of the keys applied its removal looked like nothing to do: an
    // overlay kept the old key in the row, and the model went on using it (e.g. after moving to a Credential, whose
    // values LiteLLM fills in only for keys the model does not carry itself).
    SandboxFixture.secret(c, NS, "leaving-key", Map.of("apiKey", "sk-leaving-0001"));
    Model m = SandboxFixture.model(NS, "keyed", "proxy", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef(null, "leaving-key");
    c.resource(m).create();
    eventually("keyed Ready", () -> ready(c, NS, "keyed"));
    assertEquals("sk-leaving-0001", params(proxy, "keyed").getString("api_key"));
    assertEquals(List.of("api_key"), get(c, NS, "keyed").getStatus().appliedCredentialParams,
        "status records the key's name");
    String id = get(c, NS, "keyed").getStatus().modelId;

    proxy.resetCalls();
    edit("keyed", x -> {
      x.getSpec().modelSecretRef = null;
      return x;
    });
    eventually("the key is gone from LiteLLM", () -> row(proxy, "keyed").isPresent()
        && !params(proxy, "keyed").containsKey("api_key"));
    assertEquals(id, row(proxy, "keyed").orElseThrow().getJsonObject("model_info").getString("id"));
    assertEquals(List.of("/model/delete", "/model/new"), writes(proxy).stream().map(RecordedCall::path).toList());
    eventually("status says no key is applied", () -> ready(c, NS, "keyed")
        && get(c, NS, "keyed").getStatus().appliedCredentialParams == null);
  }

  @Test
  void aRenameMovesTheModelToANewIdAndLeavesNoOldCopy() {
    Model m = SandboxFixture.model(NS, "rename-me", "proxy", "openai/gpt-4o");
    c.resource(m).create();
    eventually("Ready", () -> ready(c, NS, "rename-me"));
    String oldId = get(c, NS, "rename-me").getStatus().modelId;
    edit("rename-me", x -> {
      x.getSpec().modelName = "renamed";
      return x;
    });
    eventually("renamed in LiteLLM", () -> row(proxy, "renamed").isPresent() && row(proxy, "rename-me").isEmpty());
    eventually("status follows", () -> "renamed".equals(get(c, NS, "rename-me").getStatus().modelName)
        && ready(c, NS, "rename-me"));
    String newId = get(c, NS, "rename-me").getStatus().modelId;
    assertFalse(oldId.equals(newId), "a new id, so lagging replicas pick the change up");
    assertTrue(proxy.models().stream().noneMatch(j -> oldId.equals(j.getJsonObject("model_info").getString("id"))));
  }

  private static void edit(String name, UnaryOperator<Model> change) {
    c.resources(Model.class).inNamespace(NS).withName(name).edit(change);
  }
}
