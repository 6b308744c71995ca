package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.GENERATION;
import static ai.litellm.operator.controller.model.ModelTestKit.KEY;
import static ai.litellm.operator.controller.model.ModelTestKit.NAME;
import static ai.litellm.operator.controller.model.ModelTestKit.NS;
import static ai.litellm.operator.controller.model.ModelTestKit.assertCondition;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.model;
import static ai.litellm.operator.controller.model.ModelTestKit.readBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.render.ModelChangePlanner;
import ai.litellm.operator.render.ModelPayload;
import ai.litellm.operator.render.ModelPayloadRenderer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The live path of ModelReconciler: the chain, the free steady state, drift repair and the Normal Events. */
class ModelReconcilerTest {
  private final ReconcilerHarness h = new ReconcilerHarness();

  @Test
  void aMissingModelIsDoneWithoutAnyCall() {
    // (The event log forgets the key's state once this run settles: the deleted key is idle.)
    h.stored(null);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube).get(NS, NAME);
    verifyNoMoreInteractions(h.kube);
    verifyNoInteractions(h.litellm, h.connections);
  }

  @Test
  void aNewModelRunsTheChainInOrderOnTheObjectEachStepReturned() {
    Model m = h.stored(model());
    Model withFinalizer = ModelTestKit.withFinalizer(m);
    when(h.kube.addFinalizer(m)).thenReturn(Future.succeededFuture(withFinalizer));
    ModelPayload expected = h.payload(m);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.kube, h.connections, h.litellm);
    order.verify(h.kube).addFinalizer(m);
    order.verify(h.connections).resolve(same(withFinalizer));
    order.verify(h.litellm).create(h.conn.endpoint(), expected.body());
    order.verify(h.kube).writeStatus(same(withFinalizer), any());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString()); // a plain create: status only

    ModelStatus st = h.writtenStatus();
    assertEquals(expected.modelId(), st.modelId);
    assertEquals(ModelTestKit.HASH.of(expected.payloadHash()), st.appliedPayloadHash);
    assertEquals(NAME, st.modelName);
    assertEquals("openai/gpt-4o", st.litellmParams.model);
    assertEquals(GENERATION, st.observedGeneration);
    assertNotNull(st.lastUpdated);
    assertCondition(st, "Ready", "True", "Synced");
    assertCondition(st, "Synced", "True", "Synced");
    assertEquals(h.conn.endpoint(), h.state.endpoint());
    assertTrue(h.state.writtenWithin(Duration.ofMinutes(1)), "the detector must leave a fresh write alone");
    assertEquals(1, h.metrics.count(SyncOutcome.CREATED));
  }

  @Test
  void theSteadyStateMakesNoLiteLLMCallAndNoKubernetesWrite() {
    h.stored(h.applied(model()));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm);
    verify(h.kube, never()).writeStatus(any(), any());
    verify(h.kube, never()).removeFinalizer(any());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
    assertEquals(h.conn.endpoint(), h.state.endpoint(), "the detector still expects the model there");
    assertFalse(h.state.writtenWithin(Duration.ofHours(1)));
  }

  @Test
  void aRotationOfAPayloadThisProcessSawAppliedIsOneParamsUpdateWithoutARead() {
    Model m = h.stored(h.applied(model()));
    ModelPayload p = h.payload(m);
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm); // steady state: nothing to do, and the applied shape is now known

    Model rotated = h.applied(model());
    rotated.getStatus().appliedPayloadHash = "the-hash-of-the-old-key"; // what a rotated Secret looks like
    h.stored(rotated);
    when(h.litellm.updateParams(any(), anyString(), any())).thenReturn(Future.succeededFuture(readBack(p)));
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).updateParams(h.conn.endpoint(), p.modelId(), p.body().getJsonObject("litellm_params"));
    verify(h.litellm, never()).get(any(), anyString());
    verify(h.litellm, never()).patch(any(), anyString(), any());
  }

  @Test
  void aKeyRemovedAfterAnUpgradeLeavesLiteLLMThoughStatusNeverRecordedIt() {
    Model keyed = model();
    keyed.getSpec().litellmParams.apiKey = "sk-provider-key";
    Model old = h.applied(keyed);
    old.getStatus().appliedCredentialParams = null; // written by a version without the field
    h.stored(old);
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verifyNoInteractions(h.litellm);

    Model keyless = Serialization.clone(old);
    keyless.getSpec().litellmParams.apiKey = null; // the hash no longer matches: a sync follows
    h.stored(keyless);
    ModelPayload p = h.payload(keyless);
    when(h.litellm.get(h.conn.endpoint(), p.modelId())).thenReturn(Future.succeededFuture(Optional.of(readBack(p))));
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.litellm);
    order.verify(h.litellm).delete(h.conn.endpoint(), p.modelId());
    order.verify(h.litellm).create(h.conn.endpoint(), p.body());
    assertEquals(null, h.writtenStatus().appliedCredentialParams, "status now records that no key is applied");
  }

  @Test
  void aRotationAfterAFailedCallReadsFirst() {
    Model m = h.stored(h.applied(model()));
    ModelPayload p = h.payload(m);
    h.reconcile();
    Model rotated = h.applied(model());
    rotated.getStatus().appliedPayloadHash = "the-hash-of-the-old-key";
    h.stored(rotated);
    when(h.litellm.updateParams(any(), anyString(), any())).thenReturn(
        Future.failedFuture(litellmError(Kind.UNAVAILABLE)),
        Future.succeededFuture(readBack(p)));
    h.reconcile(); // the overlay's answer was lost: the row may hold anything
    h.stored(m);
    h.reconcile(); // status says the payload is applied (a lost answer keeps the old hash): not taken as proof
    h.stored(rotated);
    when(h.litellm.get(h.conn.endpoint(), p.modelId())).thenReturn(Future.succeededFuture(Optional.of(readBack(p))));
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).get(h.conn.endpoint(), p.modelId());
  }

  @Test
  void aHashAppliedForAnOlderGenerationSyncsAgain() {
    Model old = model();
    old.getMetadata().setGeneration(GENERATION - 1);
    Model m = h.applied(old);
    m.getMetadata().setGeneration(GENERATION);
    h.stored(m);
    ModelPayload p = h.payload(m);
    when(h.litellm.get(h.conn.endpoint(), p.modelId())).thenReturn(Future.succeededFuture(Optional.of(readBack(p))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).updateParams(h.conn.endpoint(), p.modelId(), p.body().getJsonObject("litellm_params"));
    assertEquals(GENERATION, h.writtenStatus().observedGeneration);
  }

  @Test
  void aModelPointedAtAnotherProxyIsCreatedThere() {
    h.stored(h.applied(model()));
    Connection moved = ModelTestKit.connection("http://other-proxy:4000");
    when(h.connections.resolve(any())).thenReturn(Future.succeededFuture(moved));
    when(h.connections.reach(any(), any())).thenReturn(Future.succeededFuture(
        new ConnectionResolver.Reached(h.conn.endpoint(), null, false)));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    // issue #14.4: the proxy status says it was applied to is looked at first (its row, if any, deleted), then the new
    var order = org.mockito.Mockito.inOrder(h.litellm);
    order.verify(h.litellm).get(eq(h.conn.endpoint()), any());
    order.verify(h.litellm).create(eq(moved.endpoint()), any());
    assertEquals(moved.endpoint(), h.state.endpoint());
    assertEquals(ModelTestKit.HASH.of(ModelPayloadRenderer.render(model(), Map.of(), moved.identity(),
        ModelTestKit.INSTALL).payloadHash()), h.writtenStatus().appliedPayloadHash);
  }

  @Test
  void aDriftFlaggedKeySyncsEvenWhenTheHashIsCurrentAndSaysItRepaired() {
    Model m = h.stored(h.applied(model()));
    h.state.flagDrift();
    String id = m.getStatus().modelId; // the get answers "missing" (harness default): deleted behind our back

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).get(h.conn.endpoint(), id);
    verify(h.litellm).create(eq(h.conn.endpoint()), any());
    verify(h.kube).event(any(), any(), eq(EventSeverity.NORMAL), eq("DriftRepaired"), argThat(s -> s.contains(id)));
    verify(h.kube, never()).writeStatus(any(), any()); // same status as before: nothing to write
    assertFalse(h.state.takeDriftFlag(), "the flag was consumed");
    assertTrue(h.state.writtenWithin(Duration.ofMinutes(1)));
    assertEquals(1, h.driftRepaired());
  }

  @Test
  void aDriftFlaggedKeyThatReadsBackTheSameNeedsNoRepair() {
    Model m = h.stored(h.applied(model()));
    h.state.flagDrift();
    when(h.litellm.get(any(), anyString())).thenReturn(Future.succeededFuture(Optional.of(readBack(h.payload(m)))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm, never()).create(any(), any());
    verify(h.litellm, never()).patch(any(), anyString(), any());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
    verify(h.kube, never()).writeStatus(any(), any());
    assertFalse(h.state.writtenWithin(Duration.ofHours(1)));
    assertEquals(0, h.driftRepaired());
  }

  @Test
  void theDriftFlagIsRestoredWhenTheRepairFails() {
    h.stored(h.applied(model()));
    h.state.flagDrift();
    when(h.litellm.get(any(), anyString())).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    assertTrue(h.state.takeDriftFlag(), "the retry must not skip the repair as unchanged");
  }

  @Test
  void aFailedSyncOfAnUnflaggedKeyDoesNotFlagIt() {
    h.stored(model());
    when(h.litellm.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    assertFalse(h.state.takeDriftFlag());
  }

  @Test
  void aLostCreateIsAdoptedWithANormalEvent() {
    Model m = h.stored(model());
    ModelPayload p = h.payload(m);
    when(h.litellm.create(any(), any())).thenReturn(Future.failedFuture(litellmError(Kind.DUPLICATE_ID)));
    when(h.litellm.get(h.conn.endpoint(), p.modelId())).thenReturn(Future.succeededFuture(Optional.of(readBack(p))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube).event(any(), any(), eq(EventSeverity.NORMAL), eq("Adopted"), argThat(s -> s.contains(p.modelId())));
    assertEquals(p.modelId(), h.writtenStatus().modelId);
    assertEquals(1, h.metrics.count(SyncOutcome.ADOPTED));
  }

  @Test
  void aModelSecretFillsTheCredentialsAndNeverReachesTheStatus() {
    Model m = model();
    m.getSpec().modelSecretRef = new SecretRef(null, "creds");
    h.stored(m);
    when(h.kube.readSecret(NS, "creds")).thenReturn(Future.succeededFuture(Optional.of(
        new SecretData("5", Map.of("apiKey", "sk-provider-42")))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.connections, h.kube, h.litellm);
    order.verify(h.connections).resolve(any());
    order.verify(h.kube).readSecret(NS, "creds");
    order.verify(h.litellm).create(any(), argThat(body ->
        "sk-provider-42".equals(body.getJsonObject("litellm_params").getString("api_key"))));
    ModelStatus st = h.writtenStatus();
    assertFalse(Serialization.asJson(st).contains("sk-provider-42"), "a credential in status");
  }
}
