package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelDriftAndChangeTest {

  private static ModelPayload payload() {
    return ModelPayloadRenderer.render(Examples.model("model-instance-ref.yaml"),
        Map.of("apiKey", "sk-secret"), "instance:ai/litellm-example", "test-install");
  }

  /** What GET /model/info returns for the applied body: credentials popped, defaults and enrichment added. */
  private static JsonObject observedFrom(JsonObject desired) {
    JsonObject observed = new JsonObject(desired.encode());
    JsonObject params = observed.getJsonObject("litellm_params");
    params.remove("api_key");
    params.put("input_cost_per_token", 3.0E-6);
    params.put("rpm", 100.0);
    params.put("use_in_pass_through", false).put("use_litellm_proxy", false)
        .put("merge_reasoning_content_in_choices", false);
    observed.getJsonObject("model_info").put("db_model", true).put("max_tokens", 8192)
        .put("litellm_provider", "anthropic").put("supports_vision", true);
    return observed;
  }

  @Test
  void unchangedModelReadBackHasNoDrift() {
    JsonObject desired = payload().body();
    assertEquals(java.util.List.of(), ModelDrift.differences(desired, observedFrom(desired)));
    assertEquals(ModelChangePlan.Kind.NONE, ModelChangePlanner.plan(desired, observedFrom(desired), true).kind());
  }

  @Test
  void changedValueIsDriftAndPatchable() {
    JsonObject desired = payload().body();
    JsonObject observed = observedFrom(desired);
    observed.getJsonObject("litellm_params").put("rpm", 50);
    assertEquals(java.util.List.of("litellm_params.rpm"), ModelDrift.differences(desired, observed));
    ModelChangePlan plan = ModelChangePlanner.plan(desired, observed, true);
    assertEquals(ModelChangePlan.Kind.PATCH, plan.kind());
    assertEquals("sk-secret", plan.patchBody().getJsonObject("litellm_params").getString("api_key"));
    assertEquals(desired.getJsonObject("model_info").getString("id"),
        plan.patchBody().getJsonObject("model_info").getString("id"));
  }

  @Test
  void removedParamNeedsRecreate() {
    JsonObject current = payload().body();
    JsonObject desired = current.copy();
    desired.getJsonObject("litellm_params").remove("tpm");
    ModelChangePlan plan = ModelChangePlanner.plan(desired, current, false);
    assertEquals(ModelChangePlan.Kind.RECREATE, plan.kind());
    assertEquals(java.util.List.of("litellm_params.tpm removed"), plan.reasons());
    assertNull(plan.patchBody());
  }

  @Test
  void defaultedBooleanInReadIsNotARemoval() {
    JsonObject desired = payload().body();
    JsonObject observed = observedFrom(desired);
    assertEquals(ModelChangePlan.Kind.NONE, ModelChangePlanner.plan(desired, observed, true).kind());
    observed.getJsonObject("litellm_params").put("use_litellm_proxy", true);
    assertEquals(ModelChangePlan.Kind.RECREATE, ModelChangePlanner.plan(desired, observed, true).kind());
  }

  @Test
  void modelInfoChangeNeedsRecreate() {
    JsonObject desired = payload().body();
    JsonObject current = desired.copy();
    current.getJsonObject("model_info").put("mode", "completion");
    assertEquals(ModelChangePlan.Kind.RECREATE, ModelChangePlanner.plan(desired, current, false).kind());
    assertTrue(ModelDrift.differences(desired, current).contains("model_info.mode"));
  }

  @Test
  void hashOnlyChangeOverlaysTheParamsWithoutAPatch() {
    JsonObject desired = payload().body();
    ModelChangePlan plan = ModelChangePlanner.plan(desired, observedFrom(desired), false);
    assertEquals(ModelChangePlan.Kind.UPDATE_PARAMS, plan.kind());
    assertEquals(desired.getJsonObject("litellm_params"), plan.patchBody(), "the whole params, credentials included");
  }

  @Test
  void theVisibleShapeIgnoresHiddenValuesButNotTheirNamesNorAnythingElse() {
    JsonObject body = payload().body();
    String proxy = "http://proxy-a:4000";
    long shape = ModelChangePlanner.visibleShape(body, proxy);
    JsonObject rotated = body.copy();
    rotated.getJsonObject("litellm_params").put("api_key", "sk-rotated");
    assertEquals(shape, ModelChangePlanner.visibleShape(rotated, proxy), "a rotated key: same shape");

    JsonObject keyless = body.copy();
    keyless.getJsonObject("litellm_params").remove("api_key");
    JsonObject visible = body.copy();
    visible.getJsonObject("litellm_params").put("rpm", 7);
    JsonObject renamed = body.copy().put("model_name", "other");
    for (JsonObject changed : java.util.List.of(keyless, visible, renamed)) {
      assertTrue(shape != ModelChangePlanner.visibleShape(changed, proxy), changed.fieldNames().toString());
    }
    assertTrue(shape != ModelChangePlanner.visibleShape(body, "http://proxy-b:4000"), "another proxy");
  }

  @Test
  void envReferencesAndStrippedCredentialsAreNotCompared() {
    JsonObject desired = payload().body();
    desired.getJsonObject("litellm_params").put("api_base", "os.environ/ANTHROPIC_BASE");
    JsonObject observed = observedFrom(desired);
    observed.getJsonObject("litellm_params").put("api_base", "https://resolved.example/")
        .put("api_key", "sk-masked****");
    assertTrue(ModelDrift.matches(desired, observed));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(JsonValues.equivalent(new java.math.BigDecimal("0.000001"), 1e-06));
    assertTrue(JsonValues.equivalent(600, 600.0));
    assertTrue(JsonValues.equivalent(new java.math.BigDecimal("0.000015"), "1.5e-05"));
    assertTrue(!JsonValues.equivalent(new java.math.BigDecimal("0.000001"), 1.1e-06));
  }
}
