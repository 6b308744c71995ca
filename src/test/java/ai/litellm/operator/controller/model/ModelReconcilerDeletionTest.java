package ai.litellm.operator.controller.model;

import static org.mockito.ArgumentMatchers.contains;

import static ai.litellm.operator.controller.model.ModelTestKit.KEY;
import static ai.litellm.operator.controller.model.ModelTestKit.assertCondition;
import static ai.litellm.operator.controller.model.ModelTestKit.condition;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.clearInvocations;
import static ai.litellm.operator.controller.model.ModelTestKit.deleting;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.model;
import static ai.litellm.operator.controller.model.ModelTestKit.readBack;
import static ai.litellm.operator.controller.model.ModelTestKit.readBackOwnedBy;
import static ai.litellm.operator.controller.model.ModelTestKit.withFinalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.render.ModelPayload;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.InOrder;

/** ModelReconciler on a Model being deleted: delete in LiteLLM, then release the finalizer, or keep it and retry. */
class ModelReconcilerDeletionTest {
  private final ReconcilerHarness h = new ReconcilerHarness();

  /** A Model being deleted that holds the finalizer and was applied as {@code modelId}. */
  /** An applied Model being deleted, whose row LiteLLM lists with this install's marker for it. */
  private Model appliedAndDeleting() {
    Model m = deleting(h.applied(model()));
    when(h.litellm.get(h.conn.endpoint(), m.getStatus().modelId))
        .thenReturn(Future.succeededFuture(Optional.of(readBack(h.payload(model())))));
    return m;
  }

  private void assertFinalizerReleased(Model m) {
    verify(h.kube).removeFinalizer(same(m));
  }

  @Test
  void withoutOurFinalizerThereIsNothingToDo() {
    h.stored(deleting(model()));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm, h.connections);
    verify(h.kube, never()).removeFinalizer(any());
    verify(h.kube, never()).addFinalizer(any());
  }

  @Test
  void theAppliedModelIsDeletedByItsStatusIdThenTheFinalizerIsReleased() {
    Model m = h.stored(appliedAndDeleting());
    h.state.syncedThrough(h.conn.endpoint());

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.litellm, h.kube);
    order.verify(h.litellm).get(h.conn.endpoint(), m.getStatus().modelId); // the marker is checked first
    order.verify(h.litellm).delete(h.conn.endpoint(), m.getStatus().modelId);
    order.verify(h.kube).removeFinalizer(same(m));
    verify(h.kube, never()).addFinalizer(any());
    verify(h.kube, never()).writeStatus(any(), any());
    assertFinalizerReleased(m);
  }

  @Test
  void aNeverAppliedModelCarryingOurMarkerUnderTheDerivedIdIsDeleted() {
    Model m = h.stored(deleting(withFinalizer(model())));
    ModelPayload p = h.payload(m);
    when(h.litellm.get(h.conn.endpoint(), p.modelId())).thenReturn(Future.succeededFuture(Optional.of(readBack(p))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.litellm, h.kube);
    order.verify(h.litellm).get(h.conn.endpoint(), p.modelId());
    order.verify(h.litellm).delete(h.conn.endpoint(), p.modelId());
    order.verify(h.kube).removeFinalizer(same(m));
  }

  @Test
  void aNeverAppliedModelsIdHeldBySomeoneElseIsNotDeleted() {
    Model m = h.stored(deleting(withFinalizer(model())));
    ModelPayload p = h.payload(m);
    when(h.litellm.get(h.conn.endpoint(), p.modelId()))
        .thenReturn(Future.succeededFuture(Optional.of(readBackOwnedBy(p, "another-uid"))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm, never()).delete(any(), anyString());
    assertFinalizerReleased(m);
  }

  @Test
  void aNeverAppliedModelAbsentFromLiteLLMNeedsNoDelete() {
    Model m = h.stored(deleting(withFinalizer(model())));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).get(any(), anyString());
    verify(h.litellm, never()).delete(any(), anyString());
    assertFinalizerReleased(m);
  }

  @Test
  void aSpecThatNeverRenderedWasNeverCreatedSoNothingIsLookedUp() {
    Model broken = model();
    broken.getSpec().modelName = null;
    Model m = h.stored(deleting(withFinalizer(broken)));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm);
    assertFinalizerReleased(m);
  }

  @Test
  void aGoneConnectionReleasesTheFinalizerWithAWarning() {
    Model m = h.stored(appliedAndDeleting());
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(ModelProblem.connectionGone("InstanceNotFound",
        "LiteLLMInstance team-a/inst (spec.connectionRef.instanceRef) not found")));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm);
    verify(h.kube).event(same(m), any(), eq(EventSeverity.WARNING), eq("FinalizerReleased"),
        argThat(s -> s.contains("team-a/inst")));
    assertFinalizerReleased(m);
  }

  @Test
  void aPermanentProblemReleasesTheFinalizerWithAWarning() {
    Model m = h.stored(appliedAndDeleting());
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(ModelProblem.permanent(
        ReferenceNamespaces.FORBIDDEN_REASON, "spec.connectionRef.secretRef.namespace names namespace team-b")));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube).event(same(m), any(), eq(EventSeverity.WARNING), eq("FinalizerReleased"), anyString());
    assertFinalizerReleased(m);
  }

  @Test
  void aTransientConnectionProblemKeepsTheFinalizerAndRetries() {
    Model m = h.stored(appliedAndDeleting());
    h.state.syncedThrough(h.conn.endpoint());
    ModelProblem notYet = ModelProblem.transientProblem("ConnectionError", "connection Secret team-a/conn needs keys");
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(notYet));

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind());
    assertEquals(notYet, r.cause());
    verify(h.kube, never()).removeFinalizer(any());
    assertDeletionBlocked(m, "ConnectionError");
    verify(h.kube, never()).event(any(), any(), any(), eq("FinalizerReleased"), anyString());
    assertNotNull(h.state.endpoint(), "still known: the orphan sweep may need it");
  }

  /** Ready=False DeletionBlocked (what `kubectl get models` shows), Synced says why, one Warning Event says it too. */
  private void assertDeletionBlocked(Model m, String cause) {
    ModelStatus st = h.writtenStatus();
    assertCondition(st, "Ready", "False", ModelStatuses.DELETION_BLOCKED);
    assertTrue(condition(st, "Ready").getMessage().contains(cause), condition(st, "Ready").getMessage());
    assertCondition(st, "Synced", "False", cause);
    verify(h.kube).event(same(m), any(), eq(EventSeverity.WARNING), eq(ModelStatuses.DELETION_BLOCKED),
        argThat(s -> s.contains(cause)));
    assertEquals(1, h.failures(cause), cause);
  }

  /**
   * Issue #13.2: a deletion is never parked. A 400 LiteLLM calls a refusal (e.g. the id is a config-file model's) as
   * much as its generic 400 for an exception it did not expect (a DB timeout) keeps the finalizer and is retried with
   * the capped backoff, and status and Event say what blocks the deletion.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Kind.class, names = {"BAD_REQUEST", "UNEXPECTED", "SERVER_ERROR", "NOT_FOUND", "DUPLICATE_ID"})
  void aFailedDeleteIsRetriedNeverParked(Kind kind) {
    Model m = h.stored(appliedAndDeleting());
    LiteLLMException err = litellmError(kind, 400, null);
    when(h.litellm.delete(any(), anyString())).thenReturn(Future.failedFuture(err));

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind(), "a deletion waits for nobody's spec change");
    assertNull(r.delay(), "the per-key backoff (capped) decides");
    verify(h.kube, never()).removeFinalizer(any());
    assertDeletionBlocked(m, kind == Kind.BAD_REQUEST ? "LiteLLMRejected" : "LiteLLMError");
  }

  @Test
  void aBlockedDeletionWritesItsStatusOnlyWhenItChanges() {
    Model first = h.stored(appliedAndDeleting());
    when(h.litellm.delete(any(), anyString())).thenReturn(Future.failedFuture(litellmError(Kind.UNEXPECTED, 400,
        null)));
    h.reconcile();
    ModelStatus blocked = h.writtenStatus();

    h.stored(ModelTestKit.withStatus(first, blocked));
    clearInvocations(h.kube);
    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    verify(h.kube, never()).writeStatus(any(), any());
  }

  @Test
  void aStatusIdNamingARowThatIsNotTheModelsOwnIsLeftAndTheFinalizerReleasedWithAnEvent() {
    Model m = h.stored(appliedAndDeleting());
    when(h.litellm.get(h.conn.endpoint(), m.getStatus().modelId))
        .thenReturn(Future.succeededFuture(Optional.of(readBackOwnedBy(h.payload(model()), "another-teams-uid"))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm, never()).delete(any(), anyString());
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("FinalizerReleased"),
        contains(m.getStatus().modelId));
    assertFinalizerReleased(m);
  }

  @Test
  void aRowAlreadyGoneIsDone() {
    Model m = h.stored(appliedAndDeleting());
    when(h.litellm.get(h.conn.endpoint(), m.getStatus().modelId)).thenReturn(Future.succeededFuture(Optional.empty()));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm, never()).delete(any(), anyString());
    assertFinalizerReleased(m);
  }

  @Test
  void anUnreachableProxyKeepsTheFinalizerAndHonoursRetryAfter() {
    h.stored(appliedAndDeleting());
    when(h.litellm.delete(any(), anyString())).thenReturn(Future.failedFuture(
        litellmError(Kind.UNAVAILABLE, 503, Duration.ofSeconds(4))));

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind());
    assertEquals(Duration.ofSeconds(4), r.delay());
    verify(h.kube, never()).removeFinalizer(any());
  }

  @Test
  void aRefusedKeyKeepsTheFinalizer() {
    Model m = h.stored(appliedAndDeleting());
    when(h.litellm.delete(any(), anyString())).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401,
        null)));

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    verify(h.kube, never()).removeFinalizer(any());
    assertDeletionBlocked(m, "Unauthorized");
  }
}
