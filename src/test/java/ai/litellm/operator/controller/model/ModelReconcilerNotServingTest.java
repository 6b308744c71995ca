package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.GENERATION;
import static ai.litellm.operator.controller.model.ModelTestKit.assertCondition;
import static ai.litellm.operator.controller.model.ModelTestKit.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.eventlog.ReconcileResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/**
 * A Model that cannot be served for a cause outside it (issue #14.1: its instance; #14.5: its proxy) says so in Ready
 * once, keeps Synced's truth, calls nothing and records no Event of its own; when the cause is gone it is Ready again
 * without a LiteLLM call.
 */
class ModelReconcilerNotServingTest {
  private final ReconcilerHarness h = new ReconcilerHarness();

  private static Model onInstance(Model m) {
    m.getSpec().connectionRef.secretRef = null;
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    return m;
  }

  private void instanceDeleting() {
    LiteLLMInstance inst = new LiteLLMInstance();
    inst.setMetadata(new ObjectMetaBuilder().withNamespace(ModelTestKit.NS).withName("proxy")
        .withDeletionTimestamp("2026-01-01T00:00:00Z").build());
    h.instances = new InstanceAvailability((ns, n) -> inst, (ns, n) -> null);
  }

  @Test
  void anAppliedModelWhoseInstanceIsDeletingSaysInstanceNotReadyWithoutACall() {
    h.stored(h.applied(onInstance(model())));
    instanceDeleting();

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind(), "no retry: the instance's change wakes it");
    ModelStatus st = h.writtenStatus();
    assertCondition(st, "Ready", "False", "InstanceNotReady");
    assertCondition(st, "Synced", "True", "Synced");
    verifyNoInteractions(h.litellm);
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
    assertEquals(0, h.failures("InstanceNotReady"));
  }

  @Test
  void aModelNotAppliedYetSaysSoInSyncedToo() {
    Model m = onInstance(model());
    h.stored(m);
    instanceDeleting();

    h.reconcile();
    assertCondition(h.writtenStatus(), "Synced", "False", "InstanceNotReady");
    verifyNoInteractions(h.litellm);
  }

  @Test
  void anAppliedModelOfAnUnreachableProxySaysLiteLLMUnavailableOnceAndComesBackWithoutACall() {
    Model applied = h.stored(h.applied(model()));
    for (int i = 0; i < 3; i++) {
      h.proxyHealth.passFailed(h.conn.endpoint(), "connection refused");
    }

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    ModelStatus down = h.writtenStatus();
    assertCondition(down, "Ready", "False", "LiteLLMUnavailable");
    assertCondition(down, "ProxyReachable", "False", "LiteLLMUnavailable");
    assertCondition(down, "Synced", "True", "Synced");
    assertEquals(GENERATION, down.observedGeneration);
    verifyNoInteractions(h.litellm);
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());

    ReconcilerHarness again = new ReconcilerHarness();
    Model stored = ModelTestKit.withStatus(applied, down);
    again.stored(stored);
    again.proxyHealth.passFailed(again.conn.endpoint(), "x");
    again.proxyHealth.passFailed(again.conn.endpoint(), "x");
    again.proxyHealth.passFailed(again.conn.endpoint(), "x");
    again.reconcile();
    verify(again.kube, never()).writeStatus(any(), any()); // the same status: no write

    ReconcilerHarness back = new ReconcilerHarness();
    back.stored(ModelTestKit.withStatus(applied, down));
    assertEquals(ReconcileResult.Kind.DONE, back.reconcile().kind());
    ModelStatus up = back.writtenStatus();
    assertCondition(up, "Ready", "True", "Synced");
    assertCondition(up, "ProxyReachable", "True", "Reachable");
    verifyNoInteractions(back.litellm);
  }

  @Test
  void callsThatFindTheProxyUnreachableRecordOneEventPerProxyUntilItAnswers() {
    ReconcilerHarness other = new ReconcilerHarness();
    other.proxyHealth = h.proxyHealth; // two Models of the same proxy
    for (ReconcilerHarness each : java.util.List.of(h, other)) {
      each.stored(model());
      org.mockito.Mockito.when(each.litellm.create(any(), any())).thenReturn(io.vertx.core.Future.failedFuture(
          ModelTestKit.litellmError(ai.litellm.operator.litellm.LiteLLMException.Kind.UNAVAILABLE, 0, null)));
      each.reconcile();
      assertCondition(each.writtenStatus(), "Ready", "False", "LiteLLMUnavailable");
      assertCondition(each.writtenStatus(), "ProxyReachable", "False", "LiteLLMUnavailable");
    }
    verify(h.kube).event(any(), any(), any(), org.mockito.ArgumentMatchers.eq("LiteLLMUnavailable"), anyString());
    verify(other.kube, never()).event(any(), any(), any(), anyString(), anyString());

    h.proxyHealth.callAnswered(h.conn.endpoint()); // a call answered: the next outage is reported again
    ReconcilerHarness third = new ReconcilerHarness();
    third.proxyHealth = h.proxyHealth;
    third.stored(model());
    org.mockito.Mockito.when(third.litellm.create(any(), any())).thenReturn(io.vertx.core.Future.failedFuture(
        ModelTestKit.litellmError(ai.litellm.operator.litellm.LiteLLMException.Kind.UNAVAILABLE, 0, null)));
    third.reconcile();
    verify(third.kube).event(any(), any(), any(), org.mockito.ArgumentMatchers.eq("LiteLLMUnavailable"), anyString());
  }
}
