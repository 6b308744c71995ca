package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.UID;
import static ai.litellm.operator.controller.model.ModelTestKit.failure;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.readBack;
import static ai.litellm.operator.controller.model.ModelTestKit.readBackOwnedBy;
import static ai.litellm.operator.controller.model.ModelTestKit.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelChangePlanner;
import ai.litellm.operator.render.ModelPayload;
import ai.litellm.operator.render.ModelPayloadRenderer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** ModelSync's call sequences against a mocked LiteLLM port. */
class ModelSyncTest {
  private final LiteLLMPort calls = mock(LiteLLMPort.class);
  private final Connection conn = ModelTestKit.connection();
  private final LiteLLMEndpoint ep = conn.endpoint();
  private final ModelPayload desired = ModelPayloadRenderer.render(ModelTestKit.model(), Map.of(), conn.identity(),
      ModelTestKit.INSTALL);
  private final String id = desired.modelId();

  private ModelSync sync() {
    return new ModelSync(calls, new RowOwnership(ModelTestKit.INSTALL), false);
  }

  @BeforeEach
  void writesSucceed() {
    when(calls.create(any(), any())).thenAnswer(inv -> Future.succeededFuture(readBack(desired)));
    when(calls.patch(any(), anyString(), any())).thenAnswer(inv -> Future.succeededFuture(readBack(desired)));
    when(calls.updateParams(any(), anyString(), any())).thenAnswer(inv -> Future.succeededFuture(readBack(desired)));
    when(calls.delete(any(), anyString())).thenReturn(Future.succeededFuture());
  }

  /** The params a hash-only change overlays: all of them, credentials included. */
  private JsonObject overlay() {
    return desired.body().getJsonObject("litellm_params");
  }

  private void observed(String modelId, LiteLLMModel row) {
    when(calls.get(ep, modelId)).thenReturn(Future.succeededFuture(Optional.ofNullable(row)));
  }

  // --- never applied ---

  @Test
  void neverAppliedCreatesWithoutReadingFirst() {
    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, null, UID, false)));
    verify(calls).create(ep, desired.body());
    verifyNoMoreInteractions(calls);
  }

  @Test
  void aDuplicateIdCarryingOurMarkerIsAdoptedAndPatched() {
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));
    observed(id, readBack(desired));

    assertEquals(SyncOutcome.ADOPTED, result(sync().sync(conn, desired, null, UID, false)));
    // Reads strip credentials: an adopted model's params are rewritten so the credentials we hold are the ones it uses.
    verify(calls).updateParams(ep, id, overlay());
    verify(calls, never()).patch(any(), anyString(), any());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aDuplicateIdOwnedByAnotherUidIsAConflictAndIsNeverTouched() {
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));
    observed(id, readBackOwnedBy(desired, "someone-else"));

    ModelProblem p = (ModelProblem) failure(sync().sync(conn, desired, null, UID, false));
    assertEquals("ModelIdConflict", p.reason());
    assertTrue(p.isPermanent());
    verify(calls, never()).patch(any(), anyString(), any());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aDuplicateIdWithoutAnyMarkerIsAConflict() {
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));
    observed(id, readBackOwnedBy(desired, null));

    assertEquals("ModelIdConflict", ((ModelProblem) failure(sync().sync(conn, desired, null, UID, false))).reason());
    verify(calls, never()).patch(any(), anyString(), any());
  }

  @Test
  void aDuplicateIdNotListedYetIsTransient() {
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));
    observed(id, null);

    ModelProblem p = (ModelProblem) failure(sync().sync(conn, desired, null, UID, false));
    assertEquals("LiteLLMUnavailable", p.reason());
    assertFalse(p.isPermanent());
    assertFalse(p.isConnectionGone());
  }

  @Test
  void anotherCreateFailureIsReturnedWithoutReading() {
    var unavailable = litellmError(Kind.UNAVAILABLE, 503, null);
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(unavailable));

    assertSame(unavailable, failure(sync().sync(conn, desired, null, UID, false)));
    verify(calls, never()).get(any(), anyString());
  }

  // --- applied before ---

  @Test
  void appliedButDeletedBehindOurBackIsCreatedAgain() {
    observed(id, null);

    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, id, UID, true)));
    InOrder order = inOrder(calls);
    order.verify(calls).get(ep, id);
    order.verify(calls).create(ep, desired.body());
  }

  @Test
  void theAppliedIdIsReadNotTheDesiredOne() {
    // status recorded another id (e.g. before a rename): that id is read, and a new id means delete + create
    when(calls.get(ep, "old-id")).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMModel("old-id", desired.modelName(), readBack(desired).litellmParams(),
            readBack(desired).modelInfo().put("id", "old-id")))));

    assertEquals(SyncOutcome.RECREATED, result(sync().sync(conn, desired, "old-id", UID, false)));
    InOrder order = inOrder(calls);
    order.verify(calls).delete(ep, "old-id");
    order.verify(calls).create(ep, desired.body());
  }

  @Test
  void anAppliedIdNowOwnedBySomeoneElseIsAConflict() {
    observed(id, readBackOwnedBy(desired, "someone-else"));

    assertEquals("ModelIdConflict", ((ModelProblem) failure(sync().sync(conn, desired, id, UID, true))).reason());
    verify(calls, never()).create(any(), any());
    verify(calls, never()).patch(any(), anyString(), any());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void convergeNoneWhenTheHashIsCurrentAndTheReadMatches() {
    observed(id, readBack(desired));

    assertEquals(SyncOutcome.UNCHANGED, result(sync().sync(conn, desired, id, UID, true)));
    verify(calls).get(ep, id);
    verifyNoMoreInteractions(calls);
  }

  @Test
  void convergeOverlaysTheParamsWhenOnlyTheHashChanged() {
    observed(id, readBack(desired));

    assertEquals(SyncOutcome.PATCHED, result(sync().sync(conn, desired, id, UID, false)));
    // A rotated key: the row's params are rewritten without a PATCH, which would reload every model of the proxy.
    verify(calls).updateParams(ep, id, overlay());
    verify(calls, never()).patch(any(), anyString(), any());
    verify(calls, never()).create(any(), any());
  }

  @Test
  void onlyHiddenValuesChangedSinceThisProcessAppliedItOverlaysWithoutReading() {
    assertEquals(SyncOutcome.PATCHED, result(sync().sync(conn, desired, id, UID, false, true)));
    verify(calls).updateParams(ep, id, overlay());
    verifyNoMoreInteractions(calls);
  }

  @Test
  void anUnreadOverlayOfARowGoneMeanwhileCreatesIt() {
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.failedFuture(
        litellmError(Kind.NOT_FOUND, 400, null)));

    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, id, UID, false, true)));
    verify(calls).create(ep, desired.body());
  }

  @Test
  void anUnreadOverlayThatLandsOnSomeoneElsesRowIsAConflict() {
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.succeededFuture(
        readBackOwnedBy(desired, "someone-else")));

    assertEquals("ModelIdConflict", ((ModelProblem) failure(sync().sync(conn, desired, id, UID, false, true)))
        .reason());
    verify(calls, never()).create(any(), any());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aUserChosenIdIsReadBeforeItsParamsAreRewritten() {
    // Another Model may name the same id: only an id derived from our uid is ours without looking.
    ai.litellm.operator.api.Model chosen = ModelTestKit.model();
    chosen.getSpec().modelInfo = new ai.litellm.operator.api.ModelInfo();
    chosen.getSpec().modelInfo.id = "team-a-gpt4o";
    ModelPayload named = ModelPayloadRenderer.render(chosen, Map.of(), conn.identity(), ModelTestKit.INSTALL);
    observed(named.modelId(), readBackOwnedBy(named, "someone-else"));

    assertEquals("ModelIdConflict", ((ModelProblem) failure(sync().sync(conn, named, named.modelId(), UID, false,
        true))).reason());
    verify(calls).get(ep, named.modelId());
    verify(calls, never()).updateParams(any(), anyString(), any());
  }

  @Test
  void aProxyThatDoesNotServeTheParamsUpdateGetsAPatch() {
    observed(id, readBack(desired));
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.failedFuture(
        litellmError(Kind.BAD_REQUEST, 404, null)));

    assertEquals(SyncOutcome.PATCHED, result(sync().sync(conn, desired, id, UID, false, true)));
    InOrder order = inOrder(calls);
    order.verify(calls).updateParams(ep, id, overlay()); // unread: refused as a route, not as a missing model
    order.verify(calls).get(ep, id);
    order.verify(calls).updateParams(ep, id, overlay());
    order.verify(calls).patch(ep, id, ModelChangePlanner.patchBody(desired.body()));
    verify(calls, never()).create(any(), any());
  }

  @Test
  void aCreateThatSaysExistsAndAnUpdateThatSaysMissingDoNotGoRound() {
    // A gateway answering 404 for both update routes: PATCH's 404 reads as "no such model", the create as a duplicate.
    observed(id, readBack(desired));
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.failedFuture(
        litellmError(Kind.BAD_REQUEST, 404, null)));
    when(calls.patch(any(), anyString(), any())).thenReturn(Future.failedFuture(litellmError(Kind.NOT_FOUND, 404,
        null)));
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));

    ModelProblem p = (ModelProblem) failure(sync().sync(conn, desired, id, UID, false, true));
    assertEquals("LiteLLMUnavailable", p.reason());
    assertFalse(p.isPermanent(), "the next reconcile tries again");
    verify(calls, org.mockito.Mockito.times(2)).create(any(), any());
  }

  @Test
  void aRecordedCredentialThatLeftThePayloadIsDeleteThenCreate() {
    ai.litellm.operator.api.Model keyless = ModelTestKit.model();
    ModelPayload withoutKey = ModelPayloadRenderer.render(keyless, Map.of(), conn.identity(), ModelTestKit.INSTALL);
    observed(withoutKey.modelId(), readBack(withoutKey)); // a read never shows the key the row still holds
    ModelSync recorded = new ModelSync(calls, new RowOwnership(ModelTestKit.INSTALL), false, List.of("api_key"));

    assertEquals(SyncOutcome.RECREATED, result(recorded.sync(conn, withoutKey, withoutKey.modelId(), UID, false)));
    InOrder order = inOrder(calls);
    order.verify(calls).delete(ep, withoutKey.modelId());
    order.verify(calls).create(ep, withoutKey.body());
    verify(calls, never()).updateParams(any(), anyString(), any());
  }

  @Test
  void aRecordedCredentialStillDesiredIsARotationNotARecreate() {
    ai.litellm.operator.api.Model keyed = ModelTestKit.model();
    keyed.getSpec().litellmParams.apiKey = "sk-rotated-value";
    ModelPayload withKey = ModelPayloadRenderer.render(keyed, Map.of(), conn.identity(), ModelTestKit.INSTALL);
    observed(withKey.modelId(), readBack(withKey));
    ModelSync recorded = new ModelSync(calls, new RowOwnership(ModelTestKit.INSTALL), false, List.of("api_key"));

    assertEquals(SyncOutcome.PATCHED, result(recorded.sync(conn, withKey, withKey.modelId(), UID, false)));
    verify(calls).updateParams(ep, withKey.modelId(), withKey.body().getJsonObject("litellm_params"));
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void theReadIsNotSkippedForADriftRepairOrAnAdoptionOrANewId() {
    observed(id, readBack(desired));
    observed("old-id", null);
    assertEquals(SyncOutcome.UNCHANGED, result(sync().sync(conn, desired, id, UID, true, true)), "hash current");
    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, "old-id", UID, false, true)), "new id");
    verify(calls).get(ep, "old-id");
    verify(calls, never()).updateParams(any(), anyString(), any());
    new ModelSync(calls, new RowOwnership(ModelTestKit.INSTALL), true).sync(conn, desired, id, UID, false, true);
    verify(calls, org.mockito.Mockito.times(2)).get(ep, id);
  }

  @Test
  void convergePatchesAVisibleParamChange() {
    LiteLLMModel stale = readBack(desired);
    stale.litellmParams().put("model", "openai/gpt-3.5");
    observed(id, stale);

    assertEquals(SyncOutcome.PATCHED, result(sync().sync(conn, desired, id, UID, true)));
    verify(calls).patch(ep, id, ModelChangePlanner.patchBody(desired.body()));
  }

  @Test
  void aPatchOfAModelDeletedMeanwhileCreatesIt() {
    observed(id, withVisibleChange());
    when(calls.patch(any(), anyString(), any())).thenReturn(Future.failedFuture(litellmError(Kind.NOT_FOUND, 404,
        null)));

    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, id, UID, false)));
    verify(calls).create(ep, desired.body());
  }

  @Test
  void anOverlayOfAModelDeletedMeanwhileCreatesIt() {
    observed(id, readBack(desired));
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.failedFuture(
        litellmError(Kind.NOT_FOUND, 400, null)));

    assertEquals(SyncOutcome.CREATED, result(sync().sync(conn, desired, id, UID, false)));
    verify(calls).create(ep, desired.body());
  }

  @Test
  void anotherPatchFailureIsReturnedWithoutCreating() {
    observed(id, withVisibleChange());
    var rejected = litellmError(Kind.BAD_REQUEST, 400, null);
    when(calls.patch(any(), anyString(), any())).thenReturn(Future.failedFuture(rejected));

    assertSame(rejected, failure(sync().sync(conn, desired, id, UID, false)));
    verify(calls, never()).create(any(), any());
  }

  @Test
  void anotherOverlayFailureIsReturnedWithoutCreating() {
    observed(id, readBack(desired));
    var notStored = litellmError(Kind.NO_MODEL_STORE, 200, null);
    when(calls.updateParams(any(), anyString(), any())).thenReturn(Future.failedFuture(notStored));

    assertSame(notStored, failure(sync().sync(conn, desired, id, UID, false)));
    verify(calls, never()).create(any(), any());
  }

  private LiteLLMModel withVisibleChange() {
    LiteLLMModel stale = readBack(desired);
    stale.litellmParams().put("model", "openai/gpt-3.5");
    return stale;
  }

  @Test
  void aRemovedKeyIsDeleteThenCreate() {
    LiteLLMModel withExtra = readBack(desired);
    withExtra.litellmParams().put("rpm", 60); // set before, no longer in the spec: PATCH cannot remove it
    observed(id, withExtra);

    assertEquals(SyncOutcome.RECREATED, result(sync().sync(conn, desired, id, UID, true)));
    InOrder order = inOrder(calls);
    order.verify(calls).delete(ep, id);
    order.verify(calls).create(ep, desired.body());
    verify(calls, never()).patch(any(), anyString(), any());
  }

  @Test
  void aRecreateWhoseCreateAnswerWasLostIsAdopted() {
    LiteLLMModel withExtra = readBack(desired);
    withExtra.litellmParams().put("rpm", 60);
    when(calls.get(ep, id)).thenReturn(Future.succeededFuture(Optional.of(withExtra)),
        Future.succeededFuture(Optional.of(readBack(desired))));
    when(calls.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));

    assertEquals(SyncOutcome.ADOPTED, result(sync().sync(conn, desired, id, UID, true)));
    InOrder order = inOrder(calls);
    order.verify(calls).delete(ep, id);
    order.verify(calls).create(ep, desired.body());
    order.verify(calls).get(ep, id);
    order.verify(calls).updateParams(ep, id, overlay());
  }

  @Test
  void aFailedDeleteOfARecreateDoesNotCreate() {
    LiteLLMModel withExtra = readBack(desired);
    withExtra.litellmParams().put("rpm", 60);
    observed(id, withExtra);
    when(calls.delete(any(), anyString())).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE)));

    assertEquals(Kind.UNAVAILABLE,
        ((ai.litellm.operator.litellm.LiteLLMException) failure(sync().sync(conn, desired, id, UID, true))).kind());
    verify(calls, never()).create(any(), any());
  }

  @Test
  void ownershipNeedsTheMarkerWithThisUid() {
    assertTrue(new RowOwnership(ModelTestKit.INSTALL).owns(readBack(desired), UID));
    assertFalse(new RowOwnership(ModelTestKit.INSTALL).owns(readBack(desired), "other"));
    assertFalse(new RowOwnership(ModelTestKit.INSTALL).owns(new LiteLLMModel("x", "n", null, new JsonObject()), UID));
  }
}
