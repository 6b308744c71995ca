package ai.litellm.operator.controller.instance;

import static ai.litellm.operator.controller.instance.InstanceHarness.NAME;
import static ai.litellm.operator.controller.instance.InstanceHarness.NS;
import static ai.litellm.operator.controller.instance.InstanceHarness.assertCondition;
import static ai.litellm.operator.controller.instance.InstanceHarness.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.DatabaseSecretKeys;
import ai.litellm.operator.api.DatabaseSecretRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.SecretSnapshot;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** InstanceReconciler: what it reads before rendering, and what a failed render or apply leaves behind. */
class InstanceReconcilerTest {
  private final InstanceHarness h = new InstanceHarness();

  private static LiteLLMInstance withDatabase() {
    LiteLLMInstance inst = instance();
    inst.getSpec().databaseSecretRef = new DatabaseSecretRef();
    inst.getSpec().databaseSecretRef.nameRef = "db";
    DatabaseSecretKeys keys = new DatabaseSecretKeys();
    keys.hostSecret = "host";
    keys.usernameSecret = "user";
    keys.passwordSecret = "password";
    keys.dbnameSecret = "name";
    inst.getSpec().databaseSecretRef.keys = keys;
    return inst;
  }

  @Test
  void aMissingInstanceIsDoneAndItsNamespacesSecretInformerMayStop() {
    h.stored(null);
    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube).get(NS, NAME);
    verifyNoMoreInteractions(h.kube);
    verify(h.userSecrets).releaseIfUnused(NS); // the last instance of a namespace takes its Secret informer with it
    verifyNoMoreInteractions(h.userSecrets);
    verifyNoInteractions(h.applier);
    // Its keys Secret is released in case its own deletion did not (its finalizer was removed by hand), once the API
    // server confirms it gone: the cache may not have synced yet.
    assertEquals(List.of(NS + "/" + NAME), h.keysReleasedIfGone);
    assertEquals(List.of(), h.keysReleased);
  }

  @Test
  void aDeletedInstanceNoModelReferencesReleasesItsKeysSecretBeforeItsOwnFinalizer() {
    LiteLLMInstance inst = instance();
    inst.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    inst.getMetadata().setFinalizers(List.of(Finalizers.NAME));
    h.stored(inst);
    when(h.kube.removeFinalizer(any())).thenAnswer(inv -> {
      h.keysReleased.add("the instance's finalizer");
      return Future.succeededFuture(inv.getArgument(0));
    });

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    // The other way round, nothing would release the keys Secret once the instance is gone, and its namespace's
    // deletion would never finish.
    assertEquals(List.of(NS + "/" + NAME, "the instance's finalizer"), h.keysReleased);
  }

  @Test
  void anInstanceBeingDeletedIsLeftToGarbageCollection() {
    LiteLLMInstance inst = instance();
    inst.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    h.stored(inst);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube).get(NS, NAME);
    verifyNoMoreInteractions(h.kube);
    verifyNoInteractions(h.applier, h.userSecrets);
    assertEquals(List.of(), h.keysReleased, "the keys Secret waits for the instance's other finalizers");
    assertEquals(List.of(), h.keysReleasedIfGone);
  }

  @Test
  void existingKeysAreReadFreshAndKept() {
    h.stored(instance());
    when(h.kube.readSecretFresh(NS, "proxy-secrets")).thenReturn(Future.succeededFuture(Optional.of(
        new SecretData("9", Map.of(InstanceNames.MASTER_KEY, "sk-existing", InstanceNames.SALT_KEY, "salt-existing")))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    assertEquals("sk-existing", h.appliedSecretValue(InstanceNames.MASTER_KEY));
    assertEquals("salt-existing", h.appliedSecretValue(InstanceNames.SALT_KEY));
    verify(h.kube).readSecretFresh(NS, "proxy-secrets");
    verify(h.kube, never()).readSecret(anyString(), anyString()); // a stale "absent" would regenerate the salt key
  }

  @Test
  void theSpecMasterKeyWinsAndTheSaltKeyIsKept() {
    LiteLLMInstance inst = instance();
    inst.getSpec().masterKey = "sk-from-spec";
    h.stored(inst);
    when(h.kube.readSecretFresh(NS, "proxy-secrets")).thenReturn(Future.succeededFuture(Optional.of(
        new SecretData("9", Map.of(InstanceNames.MASTER_KEY, "sk-existing", InstanceNames.SALT_KEY, "salt-existing")))));

    h.reconcile();
    assertEquals("sk-from-spec", h.appliedSecretValue(InstanceNames.MASTER_KEY));
    assertEquals("salt-existing", h.appliedSecretValue(InstanceNames.SALT_KEY));
  }

  @Test
  void keysAreGeneratedOnlyWhenTheSecretHasNone() {
    h.stored(instance());

    h.reconcile();
    String master = h.appliedSecretValue(InstanceNames.MASTER_KEY);
    String salt = h.appliedSecretValue(InstanceNames.SALT_KEY);
    assertTrue(master.startsWith("sk-") && master.length() > 20, master.substring(0, 3));
    assertTrue(salt.length() >= 24);
    assertNotEquals(master.substring(3), salt);
  }

  /**
   * A blank spec.masterKey counts as unset; a blank masterkey in {@code <n>-secrets} (a hand edit of the operator's own
   * Secret) should too. Today {@code getOrDefault} returns the blank value, ResolvedInstanceInputs rejects it with an
   * IllegalArgumentException, and the instance is stuck retrying with Degraded=ApplyFailed "masterKey is required"
   * (nothing is ever applied again, so the Secret is never repaired). Same for a blank saltkey.
   */
  @Test
  void aBlankKeyInTheExistingSecretIsTreatedAsAbsent() {
    h.stored(instance());
    when(h.kube.readSecretFresh(NS, "proxy-secrets")).thenReturn(Future.succeededFuture(Optional.of(
        new SecretData("9", Map.of(InstanceNames.MASTER_KEY, "", InstanceNames.SALT_KEY, "salt-existing")))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    assertTrue(h.appliedSecretValue(InstanceNames.MASTER_KEY).startsWith("sk-"));
    assertEquals("salt-existing", h.appliedSecretValue(InstanceNames.SALT_KEY));
  }

  @Test
  void referencedSecretsAreSnapshottedOnceTheirNamespaceIsWatched() {
    LiteLLMInstance inst = h.stored(withDatabase());
    when(h.userSecrets.snapshots(NS, inst.getSpec())).thenReturn(Map.of("db",
        SecretSnapshot.of("3", Set.of("host", "user", "password", "name"))));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    InOrder order = inOrder(h.userSecrets, h.applier);
    order.verify(h.userSecrets).ensureWatching(NS);
    order.verify(h.userSecrets).snapshots(eq(NS), same(inst.getSpec()));
    order.verify(h.applier, times(4)).apply(any(), any());
  }

  @Test
  void anInvalidSpecAppliesNothingAndIsPermanent() {
    LiteLLMInstance inst = instance();
    inst.getSpec().image = " ";
    h.stored(inst);

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.PERMANENT, r.kind());
    LiteLLMInstanceStatus st = h.writtenStatus();
    assertCondition(st, "Degraded", "True", "InvalidSpec");
    assertCondition(st, "Progressing", "False", "InvalidSpec");
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("InvalidSpec"),
        argThat(m -> m.contains("spec.image")));
    verifyNoInteractions(h.applier);
  }

  @Test
  void aMissingDependencyAppliesNothingAndRetries() {
    h.stored(withDatabase()); // the harness's user Secrets hold no "db"

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind());
    assertNull(r.delay(), "backoff decides; the Secret informer enqueues the instance when it appears");
    assertCondition(h.writtenStatus(), "Degraded", "True", "DependencyMissing");
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("DependencyMissing"),
        argThat(m -> m.contains("db")));
    verifyNoInteractions(h.applier);
  }

  @Test
  void aFailedApplyStopsTheChainWritesApplyFailedAndRetries() {
    h.stored(instance());
    KubernetesClientException refused = new KubernetesClientException("admission webhook denied", 403, null);
    doReturn(Future.failedFuture(refused)).when(h.applier).apply(argThat(o -> o instanceof Deployment), any());

    ReconcileResult r = h.reconcile();
    assertEquals(ReconcileResult.Kind.RETRY, r.kind());
    assertSame(refused, r.cause());
    assertEquals(java.util.List.of("ConfigMap", "Secret"), h.appliedKinds(), "nothing after the Deployment");
    LiteLLMInstanceStatus st = h.writtenStatus();
    assertCondition(st, "Degraded", "True", "ApplyFailed");
    assertTrue(st.conditions.stream().anyMatch(c -> c.getMessage().contains("admission webhook denied")));
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
    verify(h.applier, never()).deleteIfOwned(any(), anyString());
  }

  @Test
  void aFailedStatusWriteAfterAFailedApplyStillRetries() {
    h.stored(instance());
    doReturn(Future.failedFuture(new IllegalStateException("boom"))).when(h.applier).apply(any(), any());
    doReturn(Future.failedFuture(new KubernetesClientException("gone", 404, null)))
        .when(h.kube).writeStatus(any(), any());

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
  }

  @Test
  void aNamespaceWhoseSecretsCannotBeWatchedYetAppliesNothing() {
    h.stored(instance());
    when(h.userSecrets.ensureWatching(NS)).thenReturn(Future.failedFuture(new KubernetesClientException("forbidden",
        403, null)));

    assertEquals(ReconcileResult.Kind.RETRY, h.reconcile().kind());
    verifyNoInteractions(h.applier);
    verify(h.userSecrets, never()).snapshots(anyString(), any());
  }
}
