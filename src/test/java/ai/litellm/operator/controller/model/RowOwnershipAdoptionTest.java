package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.ModelPayload;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Issue #14.8: which unmarked rows a Model that opted in may adopt (the end-to-end run is GoOperatorMigrationIT). */
class RowOwnershipAdoptionTest {
  static final ModelPayload DESIRED = new ModelPayload("want-id", "gpt", new JsonObject(), "h", null);

  static LiteLLMModel row(String id, String name, JsonObject info) {
    return new LiteLLMModel(id, name, new JsonObject(), info);
  }

  @Test
  void anUnmarkedRowWithTheIdAndThePublicNameOrTheGoNameIsAdoptableOnlyOnOptIn() {
    LiteLLMModel goRow = row("go-id", "gpt-[crd]", new JsonObject().put("db_model", true));
    assertTrue(RowOwnership.adoptable(goRow, true, "go-id", DESIRED), "status.modelId + Go name");
    assertTrue(RowOwnership.adoptable(row("want-id", "gpt", new JsonObject()), true, null, DESIRED), "desired id");
    assertFalse(RowOwnership.adoptable(goRow, false, "go-id", DESIRED), "no opt-in");
    assertFalse(RowOwnership.adoptable(goRow, true, "other", DESIRED), "another id");
    assertFalse(RowOwnership.adoptable(row("go-id", "gpt-4", new JsonObject()), true, "go-id", DESIRED), "another name");
  }

  @Test
  void aMarkedRowIsNeverAdoptable() {
    JsonObject marked = new JsonObject().put(ModelOwnership.OWNER_KEY, "ns/other").put(ModelOwnership.UID_KEY, "u2");
    assertFalse(RowOwnership.adoptable(row("want-id", "gpt", marked), true, "want-id", DESIRED));
  }
}
