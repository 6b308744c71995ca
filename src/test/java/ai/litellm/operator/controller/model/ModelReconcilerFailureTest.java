package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.GENERATION;
import static ai.litellm.operator.controller.model.ModelTestKit.NS;
import static ai.litellm.operator.controller.model.ModelTestKit.assertCondition;
import static ai.litellm.operator.controller.model.ModelTestKit.condition;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.render.DependencyMissingException;
import ai.litellm.operator.render.InvalidSpecException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How ModelReconciler classifies each failure, and what it writes for it: status, Event, result, delay. */
class ModelReconcilerFailureTest {
  private final ReconcilerHarness h = new ReconcilerHarness();

  /** Checks the result, both conditions, the Warning Event (or its absence) and the failure metric. */
  private void assertFailure(ReconcileResult r, Throwable cause, String reason, ReconcileResult.Kind kind,
      Duration delay, boolean event) {
    assertEquals(kind, r.kind(), reason);
    assertSame(cause, r.cause(), reason);
    // a parked key is looked at again after the slow re-check (issue #13.3)
    assertEquals(kind == ReconcileResult.Kind.PERMANENT ? ReconcilerHarness.RECHECK : delay, r.delay(), reason);
    ModelStatus st = h.writtenStatus();
    assertCondition(st, "Ready", "False", reason);
    assertCondition(st, "Synced", "False", reason);
    assertEquals(GENERATION, st.observedGeneration);
    if (event) {
      verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq(reason), anyString());
    } else {
      verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
    }
    assertEquals(1, h.failures(reason), reason);
  }

  static Stream<Arguments> litellmFailures() {
    Duration wait = Duration.ofSeconds(7);
    return Stream.of(
        arguments(Kind.UNAUTHORIZED, 401, null, "Unauthorized", ReconcileResult.Kind.RETRY, null, true),
        arguments(Kind.RATE_LIMITED, 429, wait, "RateLimited", ReconcileResult.Kind.RETRY, wait, false),
        arguments(Kind.RATE_LIMITED, 429, null, "RateLimited", ReconcileResult.Kind.RETRY, null, false),
        arguments(Kind.UNAVAILABLE, 503, wait, "LiteLLMUnavailable", ReconcileResult.Kind.RETRY, wait, true),
        arguments(Kind.UNAVAILABLE, 0, null, "LiteLLMUnavailable", ReconcileResult.Kind.RETRY, null, true),
        arguments(Kind.BAD_REQUEST, 422, null, "LiteLLMRejected", ReconcileResult.Kind.PERMANENT, null, true),
        arguments(Kind.UNEXPECTED, 400, null, "LiteLLMError", ReconcileResult.Kind.RETRY, null, true),
        arguments(Kind.SERVER_ERROR, 500, null, "LiteLLMError", ReconcileResult.Kind.RETRY, null, true),
        arguments(Kind.NOT_FOUND, 404, null, "LiteLLMError", ReconcileResult.Kind.RETRY, null, true),
        arguments(Kind.DUPLICATE_ID, 500, null, "LiteLLMError", ReconcileResult.Kind.RETRY, null, true));
  }

  @ParameterizedTest(name = "{0} {1} -> {3} {4}")
  @MethodSource("litellmFailures")
  void eachLiteLLMFailureKind(Kind kind, int status, Duration retryAfter, String reason, ReconcileResult.Kind result,
      Duration delay, boolean event) {
    // applied for an older generation, so the reconcile reads the model first: that read fails
    Model old = model();
    old.getMetadata().setGeneration(GENERATION - 1);
    Model m = h.applied(old);
    m.getMetadata().setGeneration(GENERATION);
    h.stored(m);
    LiteLLMException err = litellmError(kind, status, retryAfter);
    when(h.litellm.get(any(), anyString())).thenReturn(Future.failedFuture(err));

    assertFailure(h.reconcile(), err, reason, result, delay, event);
    assertEquals(m.getStatus().modelId, h.writtenStatus().modelId, "a failure keeps what was applied");
    assertTrue(condition(h.writtenStatus(), "Ready").getMessage().contains(err.getMessage()));
  }

  static Stream<Arguments> otherFailures() {
    return Stream.of(
        arguments(new InvalidSpecException("spec.litellmParams.rpm must be positive"), "InvalidSpec",
            ReconcileResult.Kind.PERMANENT, true),
        arguments(new DependencyMissingException("Secret \"x\" does not exist"), "DependencyMissing",
            ReconcileResult.Kind.RETRY, true),
        arguments(ModelProblem.permanent("CrossNamespaceReference", "names namespace team-b"),
            "CrossNamespaceReference", ReconcileResult.Kind.PERMANENT, true),
        arguments(ModelProblem.transientProblem("ConnectionError", "needs keys url and masterkey"), "ConnectionError",
            ReconcileResult.Kind.RETRY, true),
        arguments(ModelProblem.connectionGone("InstanceNotFound", "LiteLLMInstance team-a/inst not found"),
            "InstanceNotFound", ReconcileResult.Kind.RETRY, true),
        arguments(new KubernetesClientException("apiserver timeout", 504, null), "KubernetesError",
            ReconcileResult.Kind.RETRY, false),
        arguments(new IllegalStateException("bug"), "InternalError", ReconcileResult.Kind.RETRY, false));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("otherFailures")
  void eachOtherFailure(Throwable err, String reason, ReconcileResult.Kind result, boolean event) {
    h.stored(model());
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(err));

    assertFailure(h.reconcile(), err, reason, result, null, event);
    verifyNoInteractions(h.litellm);
  }

  @Test
  void anInvalidSpecIsFoundBeforeAnyLiteLLMCall() {
    Model m = model();
    m.getSpec().modelName = null;
    h.stored(m);

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.PERMANENT, r.kind());
    assertCondition(h.writtenStatus(), "Ready", "False", "InvalidSpec");
    assertTrue(condition(h.writtenStatus(), "Ready").getMessage().contains("spec.modelName"));
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("InvalidSpec"), anyString());
    verifyNoInteractions(h.litellm);
  }

  @Test
  void aFailedFinalizerWriteIsAKubernetesErrorWithoutEvent() {
    Model m = h.stored(model());
    KubernetesClientException conflict = new KubernetesClientException("conflict", 409, null);
    when(h.kube.addFinalizer(m)).thenReturn(Future.failedFuture(conflict));

    assertFailure(h.reconcile(), conflict, "KubernetesError", ReconcileResult.Kind.RETRY, null, false);
    verifyNoInteractions(h.connections, h.litellm);
  }

  @Test
  void theSameFailureAgainWritesNoStatus() {
    ModelProblem p = ModelProblem.transientProblem("ConnectionError", "connection Secret team-a/conn needs keys");
    Model m = model();
    h.stored(ModelTestKit.withStatus(m, ModelStatuses.stamp(ModelStatuses.failed(m, p.reason(), p.getMessage()))));
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(p));

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    verify(h.kube, never()).writeStatus(any(), any());
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("ConnectionError"), anyString()); // memo dedups
  }

  @Test
  void aFailedStatusWriteDoesNotHideTheFailure() {
    h.stored(model());
    ModelProblem p = ModelProblem.transientProblem("ConnectionError", "not yet");
    when(h.connections.resolve(any())).thenReturn(Future.failedFuture(p));
    doReturn(Future.failedFuture(new KubernetesClientException("gone", 404, null))).when(h.kube)
        .writeStatus(any(), any());

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind());
    assertSame(p, r.cause());
    verify(h.kube).writeStatus(any(), any());
  }

  // --- spec.modelSecretRef ---

  private Model withModelSecret(String namespace) {
    Model m = model();
    m.getSpec().modelSecretRef = new SecretRef(namespace, "creds");
    return h.stored(m);
  }

  @Test
  void aMissingModelSecretIsSecretNotFound() {
    withModelSecret(null);

    ReconcileResult r = h.reconcile();
    assertFailure(r, r.cause(), "SecretNotFound", ReconcileResult.Kind.RETRY, null, true);
    assertTrue(condition(h.writtenStatus(), "Ready").getMessage().contains("team-a/creds"));
    verify(h.kube).readSecret(NS, "creds");
    verifyNoInteractions(h.litellm);
  }

  @Test
  void aModelSecretWithNoKnownKeyIsSecretIncomplete() {
    withModelSecret(null);
    when(h.kube.readSecret(NS, "creds")).thenReturn(Future.succeededFuture(Optional.of(new SecretData("3",
        Map.of("api_key", "sk-misspelt-key", "apiKey", "  ")))));

    ReconcileResult r = h.reconcile();
    assertFailure(r, r.cause(), "SecretIncomplete", ReconcileResult.Kind.RETRY, null, true);
    verify(h.kube).event(any(), any(), any(), anyString(), argThat(s -> !s.contains("sk-misspelt-key")));
    assertFalse(condition(h.writtenStatus(), "Ready").getMessage().contains("sk-misspelt-key"));
    verifyNoInteractions(h.litellm);
  }

  @Test
  void aModelSecretInAnotherNamespaceWithoutAGrantIsRefused() {
    withModelSecret("team-b");
    when(h.kube.readSecret("team-b", "creds")).thenReturn(Future.succeededFuture(Optional.of(new SecretData("3",
        Map.of("apiKey", "sk-provider")))));

    ReconcileResult r = h.reconcile();
    assertFailure(r, r.cause(), ReferenceNamespaces.FORBIDDEN_REASON, ReconcileResult.Kind.PERMANENT, null, true);
    verifyNoInteractions(h.litellm);
  }

  @Test
  void aModelSecretInAnotherNamespaceThatGrantsItIsUsed() {
    withModelSecret("team-b");
    when(h.kube.readSecret("team-b", "creds")).thenReturn(Future.succeededFuture(Optional.of(new SecretData("3",
        Map.of("apiKey", "sk-provider"), Map.of(ReferenceNamespaces.GRANT, NS)))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
  }

  @Test
  void aModelSecretInAnotherNamespaceIsReadWhenAllowed() {
    h.allowCrossNamespace = true;
    withModelSecret("team-b");
    when(h.kube.readSecret("team-b", "creds")).thenReturn(Future.succeededFuture(Optional.of(new SecretData("3",
        Map.of("apiKey", "sk-provider")))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.litellm).create(any(), any());
  }
}
