package ai.litellm.operator.sandbox.fakelitellm;

import static ai.litellm.operator.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The credential endpoints as BerriAI/litellm proxy/credential_endpoints/endpoints.py answers them: exact bodies for
 * success and every error, PATCH/DELETE errors returned with HTTP 200, merge semantics, masked reads, and resolution of
 * a model's litellm_credential_name at request time.
 */
class FakeLiteLLMCredentialsTest extends FakeLiteLLMTestBase {
  static final String KEY = "sk-openai-secret-123456";

  @Override
  FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
    return defaults.nonAdminKeys(Set.of("sk-internal-user-9999"));
  }

  static JsonObject credential(String name, JsonObject values) {
    return new JsonObject().put("credential_name", name).put("credential_values", values)
        .put("credential_info", new JsonObject().put("description", "prod"));
  }

  HttpResponse<Buffer> delete(String path) {
    return await(req(HttpMethod.DELETE, path).send());
  }

  @Test
  void createStoresEncryptedAndReadsAreMasked() {
    HttpResponse<Buffer> r = post("/credentials", credential("openai", new JsonObject().put("api_key", KEY)
        .put("api_base", "https://api.openai.com/v1")));
    assertEquals(200, r.statusCode());
    assertEquals(new JsonObject().put("success", true).put("message", "Credential created successfully"),
        r.bodyAsJsonObject());
    JsonObject one = get("/credentials/by_name/openai").bodyAsJsonObject();
    assertEquals(new JsonObject().put("credential_name", "openai")
        .put("credential_values", new JsonObject().put("api_key", "sk****56").put("api_base",
            "https://api.openai.com/v1"))
        .put("credential_info", new JsonObject().put("description", "prod")), one);
    JsonObject all = get("/credentials").bodyAsJsonObject();
    assertEquals(true, all.getBoolean("success"));
    assertEquals("sk****56", all.getJsonArray("credentials").getJsonObject(0).getJsonObject("credential_values")
        .getString("api_key"));
    assertEquals(KEY, fake.credentials().get(0).getJsonObject("credential_values").getString("api_key"));
  }

  @Test
  void createErrorsAreRaised() {
    post("/credentials", credential("openai", new JsonObject().put("api_key", KEY)));
    HttpResponse<Buffer> dup = post("/credentials", credential("openai", new JsonObject().put("api_key", "other")));
    assertEquals(500, dup.statusCode());
    assertEquals(proxyError(CredentialRoutes.UNIQUE_VIOLATION, "internal_server_error", "None", 500),
        dup.bodyAsJsonObject());
    HttpResponse<Buffer> empty = post("/credentials", credential("x", new JsonObject()));
    assertEquals(422, empty.statusCode());
    assertEquals("Value error, Either credential_values or model_id must be set",
        empty.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0).getString("msg"));
    HttpResponse<Buffer> noInfo = post("/credentials", new JsonObject().put("credential_name", "x")
        .put("credential_values", new JsonObject().put("api_key", "k")));
    assertEquals(422, noInfo.statusCode());
    HttpResponse<Buffer> notAdmin = await(http.requestAbs(HttpMethod.POST, fake.baseUrl() + "/credentials")
        .putHeader("Authorization", "Bearer sk-internal-user-9999").sendJsonObject(credential("y",
            new JsonObject().put("api_key", "k"))));
    assertEquals(403, notAdmin.statusCode());
    assertEquals(new JsonObject().put("detail", new JsonObject().put("error", CredentialRoutes.ADMIN_ONLY)),
        notAdmin.bodyAsJsonObject());
    fake.options().dbConnected(false);
    HttpResponse<Buffer> noDb = post("/credentials", credential("z", new JsonObject().put("api_key", "k")));
    assertEquals(500, noDb.statusCode());
    assertEquals("{'error': \"No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys\"}",
        noDb.bodyAsJsonObject().getJsonObject("error").getString("message"));
  }

  @Test
  void patchOverlaysValuesMergesInfoAndCannotRemoveAKey() {
    post("/credentials", credential("openai", new JsonObject().put("api_key", KEY).put("api_base", "https://a")));
    HttpResponse<Buffer> r = patch("/credentials/openai", new JsonObject().put("credential_name", "openai")
        .put("credential_values", new JsonObject().put("api_key", "sk-rotated-999"))
        .put("credential_info", new JsonObject().put("owner", "team-a")));
    assertEquals(new JsonObject().put("success", true).put("message", "Credential updated successfully"),
        r.bodyAsJsonObject());
    JsonObject row = fake.credentials().get(0);
    assertEquals(new JsonObject().put("api_key", "sk-rotated-999").put("api_base", "https://a"),
        row.getJsonObject("credential_values"), "api_base was not sent and is kept: PATCH cannot remove a key");
    assertEquals(new JsonObject().put("description", "prod").put("owner", "team-a"), row.getJsonObject("credential_info"));
  }

  @Test
  void patchAndDeleteOfAMissingCredentialAnswer200WithTheErrorInTheBody() {
    HttpResponse<Buffer> p = patch("/credentials/nope", credential("nope", new JsonObject().put("api_key", "k")));
    assertEquals(200, p.statusCode());
    assertEquals("404", p.bodyAsJsonObject().getString("code"));
    assertEquals(CredentialRoutes.PATCH_MISSING, p.bodyAsJsonObject().getString("message"));
    assertFalse(p.bodyAsJsonObject().containsKey("success"));
    HttpResponse<Buffer> d = delete("/credentials/nope");
    assertEquals(200, d.statusCode());
    assertEquals("500", d.bodyAsJsonObject().getString("code"));
    assertEquals(CredentialRoutes.DELETE_MISSING, d.bodyAsJsonObject().getString("message"));
    HttpResponse<Buffer> missingValues = patch("/credentials/nope", new JsonObject().put("credential_name", "nope")
        .put("credential_info", new JsonObject()));
    assertEquals(422, missingValues.statusCode(), "the older CredentialItem body requires credential_values");
    HttpResponse<Buffer> unknown = get("/credentials/by_name/nope");
    assertEquals(404, unknown.statusCode());
    assertEquals(proxyError("Credential not found. Got credential name: nope", "internal_server_error", "None", 404),
        unknown.bodyAsJsonObject());
  }

  @Test
  void deleteRemovesIt() {
    post("/credentials", credential("openai", new JsonObject().put("api_key", KEY)));
    HttpResponse<Buffer> d = delete("/credentials/openai");
    assertEquals(new JsonObject().put("success", true).put("message", "Credential deleted successfully"),
        d.bodyAsJsonObject());
    assertEquals(0, fake.credentials().size());
    assertEquals(404, get("/credentials/by_name/openai").statusCode());
  }

  @Test
  void aModelGetsTheCredentialsValuesForKeysItDoesNotSetItself() {
    post("/credentials", credential("openai", new JsonObject().put("api_key", KEY).put("api_base", "https://cred")));
    JsonObject model = new JsonObject().put("model_name", "gpt-4o").put("litellm_params", new JsonObject()
        .put("model", "openai/gpt-4o").put("api_base", "https://own").put("litellm_credential_name", "openai"))
        .put("model_info", new JsonObject().put("id", "m1"));
    assertEquals(200, post("/model/new", model).statusCode());
    JsonObject effective = fake.effectiveParams(0, "m1").orElseThrow();
    assertEquals(KEY, effective.getString("api_key"));
    assertEquals("https://own", effective.getString("api_base"), "the model's own value wins");
    patch("/credentials/openai", credential("openai", new JsonObject().put("api_key", "sk-rotated-999")));
    assertEquals("sk-rotated-999", fake.effectiveParams(0, "m1").orElseThrow().getString("api_key"),
        "rotation reaches the model without a model write");
  }

  static class StaleReplicas extends FakeLiteLLMTestBase {
    @Override
    FakeLiteLLMOptions options(FakeLiteLLMOptions defaults) {
      return defaults.replicas(2).pollDelayMs(60_000);
    }

    @Test
    void theOtherWorkerReadsAndResolvesTheOldStateUntilItPolls() {
      // Worker 0 serves the create, worker 1 the read: it has not polled yet.
      post("/credentials", credential("openai", new JsonObject().put("api_key", KEY)));
      assertEquals(404, get("/credentials/by_name/openai").statusCode());
      assertEquals(200, get("/credentials/by_name/openai").statusCode(), "worker 0 holds it");
      // A PATCH (served by worker 1) writes only the table: no worker's list changes before its poll.
      patch("/credentials/openai", credential("openai", new JsonObject().put("api_key", "sk-rotated-999")));
      assertTrue(fake.credentials().get(0).getJsonObject("credential_values").getString("api_key")
          .equals("sk-rotated-999"));
      JsonObject read = get("/credentials/by_name/openai").bodyAsJsonObject();
      assertEquals("sk****56", read.getJsonObject("credential_values").getString("api_key"), "stale until the poll");
    }
  }
}
