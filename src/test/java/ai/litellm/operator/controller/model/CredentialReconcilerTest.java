package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.litellm.LiteLLMCredential;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.render.CredentialPayload;
import ai.litellm.operator.render.CredentialPayloadRenderer;
import ai.litellm.operator.render.ModelOwnership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Credential reconciler's decisions over mocked ports (Kubernetes, LiteLLM's /credentials, the connection). */
class CredentialReconcilerTest {
  static final String NS = "team-a";
  static final String NAME = "openai";
  static final String SECRET_VALUE = "sk-live-0123456789";

  @SuppressWarnings("unchecked")
  final KubernetesPort<Credential> kube = mock(KubernetesPort.class);
  final CredentialPort litellm = mock(CredentialPort.class);
  final ConnectionResolver connections = mock(ConnectionResolver.class);
  final Connection conn = ModelTestKit.connection();
  final CredentialState state = new CredentialState();
  List<String> users = List.of();
  Duration grace = Duration.ZERO;

  CredentialReconcilerTest() {
    when(kube.addFinalizer(any())).thenAnswer(inv -> Future.succeededFuture(withFinalizer(inv.getArgument(0))));
    when(kube.removeFinalizer(any())).thenAnswer(inv -> Future.succeededFuture(inv.getArgument(0)));
    when(kube.writeStatus(any(), any())).thenAnswer(inv -> {
      Credential written = Serialization.clone((Credential) inv.getArgument(0));
      written.setStatus((CredentialStatus) inv.getArgument(1));
      return Future.succeededFuture(written);
    });
    when(kube.event(any(), any(), any(), anyString(), anyString())).thenReturn(Future.succeededFuture());
    when(kube.readSecret(NS, "openai-key")).thenReturn(Future.succeededFuture(Optional.of(
        new SecretData("1", Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"), Map.of()))));
    when(connections.resolve(any(), any())).thenReturn(Future.succeededFuture(conn));
    when(litellm.createCredential(any(), anyString(), any(), any())).thenReturn(Future.succeededFuture());
    when(litellm.updateCredential(any(), anyString(), any(), any())).thenReturn(Future.succeededFuture());
    when(litellm.deleteCredential(any(), anyString())).thenReturn(Future.succeededFuture());
    when(litellm.getCredential(any(), anyString())).thenReturn(Future.succeededFuture(Optional.empty()));
  }

  static Credential credential() {
    Credential c = new Credential();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(NAME).withUid("uid-c").withGeneration(2L)
        .withCreationTimestamp("2026-12-01T00:00:00Z").build());
    c.getSpec().connectionRef = new ConnectionRef();
    c.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    c.getSpec().secretRef = new CredentialSecretRef();
    c.getSpec().secretRef.secretName = "openai-key";
    return c;
  }

  static Credential withFinalizer(Credential c) {
    Credential copy = Serialization.clone(c);
    copy.getMetadata().setFinalizers(new ArrayList<>(List.of("litellm.litellm.ai/finalizer")));
    return copy;
  }

  CredentialPayload payload(Credential c, Map<String, String> data) {
    return CredentialPayloadRenderer.render(c, data, conn.identity(), ModelTestKit.INSTALL);
  }

  /** {@code c} as the reconcile after a successful sync of {@code data} leaves it. */
  Credential applied(Credential c, Map<String, String> data) {
    CredentialPayload p = payload(c, data);
    List<String> keys = new ArrayList<>(p.valueKeys());
    keys.sort(null);
    Credential out = withFinalizer(c);
    out.setStatus(CredentialStatuses.synced(c, p.name(), conn.description(), ModelTestKit.HASH.of(p.hash()), keys, 0));
    return out;
  }

  ReconcileResult reconcile(Credential stored) {
    when(kube.get(NS, NAME)).thenReturn(stored);
    CredentialReconciler r = new CredentialReconciler(kube, litellm, connections, new ReferenceNamespaces(false),
        k -> users, k -> List.of(NS + "/" + NAME), new CredentialDependents(k -> List.of(), keys -> {}),
        ModelTestKit.INSTALL, ModelTestKit.HASH, Duration.ofMinutes(10), grace);
    return ModelTestKit.result(r.reconcile(new ReconcileRequest<>(NS + "/" + NAME, NS, NAME, 1, true, 2, 0L, state)));
  }

  CredentialStatus writtenStatus() {
    ArgumentCaptor<Object> status = ArgumentCaptor.forClass(Object.class);
    verify(kube).writeStatus(any(), status.capture());
    return (CredentialStatus) status.getValue();
  }

  @Test
  void aNewCredentialIsCreatedWithItsMarkerAndNoValueReachesTheStatus() {
    reconcile(credential());
    ArgumentCaptor<JsonObject> info = ArgumentCaptor.forClass(JsonObject.class);
    verify(litellm).createCredential(eq(conn.endpoint()), eq(NAME), any(), info.capture());
    assertEquals("uid-c", info.getValue().getString(ModelOwnership.UID_KEY));
    assertTrue(info.getValue().containsKey(CredentialReconciler.APPLIED_KEY), "the applied hash is readable back");
    CredentialStatus s = writtenStatus();
    assertEquals(List.of("api_base", "api_key"), s.appliedKeys);
    assertFalse(Serialization.asJson(s).contains(SECRET_VALUE));
  }

  @Test
  void aReadRightAfterOurOwnWriteIsNotTakenAsDrift() {
    grace = Duration.ofMinutes(1);
    state.wroteToLiteLLM();
    reconcile(applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example")));
    verify(litellm, never()).getCredential(any(), anyString());
    verify(litellm, never()).updateCredential(any(), anyString(), any(), any());
    verify(kube, never()).writeStatus(any(), any());
  }

  @Test
  void theSteadyStateReadsOnceAndWritesNothing() {
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    JsonObject info = new JsonObject().put(CredentialReconciler.APPLIED_KEY, c.getStatus().appliedHash);
    when(litellm.getCredential(any(), eq(NAME))).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMCredential(NAME, new JsonObject(), info))));
    reconcile(c);
    verify(litellm, never()).updateCredential(any(), anyString(), any(), any());
    verify(litellm, never()).createCredential(any(), anyString(), any(), any());
    verify(kube, never()).writeStatus(any(), any());
  }

  @Test
  void aRotatedSecretIsOnePatchOfTheCredentialItApplied() {
    reconcile(applied(credential(), Map.of("apiKey", "sk-old-value-0000", "apiBase", "https://api.example")));
    ArgumentCaptor<JsonObject> values = ArgumentCaptor.forClass(JsonObject.class);
    verify(litellm).updateCredential(eq(conn.endpoint()), eq(NAME), values.capture(), any());
    assertEquals(SECRET_VALUE, values.getValue().getString("api_key"));
    verify(litellm, never()).createCredential(any(), anyString(), any(), any());
    verify(litellm, never()).getCredential(any(), anyString());
  }

  @Test
  void aValueNoLongerWantedIsRemovedByDeleteAndCreate() {
    reconcile(applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example",
        "apiVersion", "2024-06-01")));
    verify(litellm).deleteCredential(conn.endpoint(), NAME);
    verify(litellm).createCredential(eq(conn.endpoint()), eq(NAME), any(), any());
    verify(litellm, never()).updateCredential(any(), anyString(), any(), any());
  }

  @Test
  void aNameLiteLLMHoldsForSomeoneElseIsAConflictAndIsLeftAlone() {
    when(litellm.createCredential(any(), anyString(), any(), any())).thenReturn(Future.failedFuture(
        ModelTestKit.litellmError(LiteLLMException.Kind.DUPLICATE_ID, 500, null)));
    when(litellm.getCredential(any(), eq(NAME))).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMCredential(NAME, new JsonObject(), new JsonObject().put("description", "made in the UI")))));
    ReconcileResult result = reconcile(credential());
    verify(litellm, never()).updateCredential(any(), anyString(), any(), any());
    assertEquals(ReconcileResult.Kind.PERMANENT, result.kind());
    assertEquals(CredentialStatuses.NAME_CONFLICT, writtenStatus().conditions.stream()
        .filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow().getReason());
  }

  @Test
  void aLostCreateIsAdoptedByItsMarker() {
    when(litellm.createCredential(any(), anyString(), any(), any())).thenReturn(Future.failedFuture(
        ModelTestKit.litellmError(LiteLLMException.Kind.DUPLICATE_ID, 500, null)));
    JsonObject ours = new JsonObject().put(ModelOwnership.OWNER_KEY, NS + "/" + NAME)
        .put(ModelOwnership.UID_KEY, "uid-c").put(ModelOwnership.INSTALL_KEY, ModelTestKit.INSTALL);
    when(litellm.getCredential(any(), eq(NAME))).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMCredential(NAME, new JsonObject(), ours))));
    reconcile(credential());
    verify(litellm).updateCredential(eq(conn.endpoint()), eq(NAME), any(), any());
    verify(kube).event(any(), any(), any(), eq("Adopted"), anyString());
  }

  @Test
  void aDeletingCredentialInUseKeepsItsFinalizerAndSaysWho() {
    users = List.of("team-a/chat", "team-b/embed");
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    c.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    ReconcileResult result = reconcile(c);
    verify(litellm, never()).deleteCredential(any(), anyString());
    verify(kube, never()).removeFinalizer(any());
    assertEquals(ReconcileResult.Kind.REQUEUE_AFTER, result.kind());
    String message = writtenStatus().conditions.stream().filter(x -> x.getType().equals("Ready")).findFirst()
        .orElseThrow().getMessage();
    assertTrue(message.contains("team-a/chat") && message.contains("team-b/embed"), message);
  }

  @Test
  void aDeletingCredentialNoLongerUsedDeletesOnlyItsOwnCopy() {
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    c.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    when(litellm.getCredential(any(), eq(NAME))).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMCredential(NAME, new JsonObject(), new JsonObject()))));
    reconcile(c);
    verify(litellm, never()).deleteCredential(any(), anyString());
    verify(kube).removeFinalizer(any());
  }

  @Test
  void aTransientFailureKeepsAServingCredentialReady() {
    when(kube.readSecret(NS, "openai-key")).thenReturn(Future.failedFuture(
        ModelTestKit.litellmError(LiteLLMException.Kind.UNAVAILABLE, 503, null)));
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    reconcile(c);
    CredentialStatus s = writtenStatus();
    assertEquals("True", s.conditions.stream().filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow()
        .getStatus(), "its Models keep using the credential LiteLLM holds");
    assertEquals("False", s.conditions.stream().filter(x -> x.getType().equals("Synced")).findFirst().orElseThrow()
        .getStatus());
  }

  @Test
  void aDeletingCredentialThatNeverAppliedAnythingDoesNotWaitForModels() {
    users = List.of("team-a/chat");
    Credential c = withFinalizer(credential());
    c.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    reconcile(c);
    verify(kube).removeFinalizer(any());
  }

  @Test
  void aCredentialJustWrittenIsNotTakenAsGoneByALaggingWorker() {
    grace = Duration.ofMinutes(1);
    state.wroteToLiteLLM();
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    c.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    ReconcileResult result = reconcile(c);
    verify(kube, never()).removeFinalizer(any());
    assertEquals(ReconcileResult.Kind.RETRY, result.kind());
  }

  @Test
  void aCopyWithoutAnyOperatorKeyIsNotOverwritten() {
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    when(litellm.getCredential(any(), eq(NAME))).thenReturn(Future.succeededFuture(Optional.of(
        new LiteLLMCredential(NAME, new JsonObject().put("api_key", "sk****42"), new JsonObject()))));
    reconcile(c);
    verify(litellm, never()).updateCredential(any(), anyString(), any(), any());
  }

  @Test
  void aRenameKeepsTheOldNameWhileModelsUseItAndCreatesTheNewOneFirst() {
    Credential c = applied(credential(), Map.of("apiKey", SECRET_VALUE, "apiBase", "https://api.example"));
    c.getSpec().credentialName = "openai-v2";
    users = List.of("team-a/chat");
    ReconcileResult result = reconcile(c);
    verify(litellm).createCredential(eq(conn.endpoint()), eq("openai-v2"), any(), any());
    verify(litellm, never()).deleteCredential(any(), anyString());
    assertEquals(NAME, writtenStatus().previousCredentialName);
    assertEquals(ReconcileResult.Kind.REQUEUE_AFTER, result.kind());
  }
}
