package ai.litellm.operator.controller.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.OperatorSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mockito.ArgumentCaptor;

/**
 * An InstanceReconciler over a mocked Kubernetes port, user-Secret source, applier and owned-object caches. The
 * applier records what it was asked to apply and returns it as written (a Deployment with the replicas available
 * unless {@link #deploymentAvailable} is false). Every answer is a completed future.
 */
final class InstanceHarness {
  static final String NS = "team-a";
  static final String NAME = "proxy";
  static final String UID = "iuid";
  static final long GENERATION = 2;

  @SuppressWarnings("unchecked")
  final KubernetesPort<LiteLLMInstance> kube = mock(KubernetesPort.class);
  final UserSecrets userSecrets = mock(UserSecrets.class);
  final ServerSideApplier applier = mock(ServerSideApplier.class);
  @SuppressWarnings("unchecked")
  final InformerSet<ConfigMap> configMaps = mock(InformerSet.class);
  @SuppressWarnings("unchecked")
  final InformerSet<Secret> secrets = mock(InformerSet.class);
  @SuppressWarnings("unchecked")
  final InformerSet<Deployment> deployments = mock(InformerSet.class);
  @SuppressWarnings("unchecked")
  final InformerSet<Service> services = mock(InformerSet.class);
  @SuppressWarnings("unchecked")
  final InformerSet<Ingress> ingresses = mock(InformerSet.class);
  @SuppressWarnings("unchecked")
  final InformerSet<HTTPRoute> routes = mock(InformerSet.class);
  OperatorSettings settings = OperatorSettings.DEFAULTS;
  boolean gatewayApiInstalled = true;
  boolean deploymentAvailable = true;
  /** The Models that reference the instance (none by default). */
  DependentModels dependentModels = DependentModels.NONE;
  /** Every object handed to the applier, in order. */
  final List<HasMetadata> applied = new ArrayList<>();
  /** The instances (namespace/name) whose keys Secret was released, in order. */
  final List<String> keysReleased = new ArrayList<>();
  /** The instances (namespace/name) whose keys Secret was to be released once the API server confirms them gone. */
  final List<String> keysReleasedIfGone = new ArrayList<>();
  final KeysSecret keysSecret = new KeysSecret() {
    @Override
    public Future<Void> release(String ns, String name) {
      keysReleased.add(ns + "/" + name);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> releaseIfInstanceGone(String ns, String name) {
      keysReleasedIfGone.add(ns + "/" + name);
      return Future.succeededFuture();
    }
  };

  /** The object under test; the one place that knows its constructor. */
  InstanceReconciler reconciler() {
    OwnedObjects owned = new OwnedObjects(configMaps, secrets, deployments, services, ingresses,
        gatewayApiInstalled ? routes : null);
    return new InstanceReconciler(kube, owned, userSecrets, applier, settings, () -> gatewayApiInstalled,
        new InstanceDeletion(kube, dependentModels, keysSecret, java.time.Duration.ofMinutes(10)), keysSecret);
  }

  InstanceHarness() {
    when(kube.readSecretFresh(anyString(), anyString())).thenReturn(Future.succeededFuture(Optional.empty()));
    when(kube.writeStatus(any(), any())).thenAnswer(inv -> {
      LiteLLMInstance written = Serialization.clone((LiteLLMInstance) inv.getArgument(0));
      written.setStatus((LiteLLMInstanceStatus) inv.getArgument(1));
      return Future.succeededFuture(written);
    });
    when(kube.event(any(), any(), any(), anyString(), anyString())).thenReturn(Future.succeededFuture());
    when(kube.addFinalizer(any())).thenAnswer(inv -> Future.succeededFuture(inv.getArgument(0)));
    when(kube.removeFinalizer(any())).thenAnswer(inv -> Future.succeededFuture(inv.getArgument(0)));
    when(userSecrets.ensureWatching(anyString())).thenReturn(Future.succeededFuture());
    when(userSecrets.snapshots(anyString(), any())).thenReturn(Map.of());
    when(applier.apply(any(), any())).thenAnswer(inv -> {
      HasMetadata desired = inv.getArgument(0);
      applied.add(desired);
      return Future.succeededFuture(new ServerSideApplier.Result(true, asWritten(desired)));
    });
    when(applier.deleteIfOwned(any(), anyString())).thenReturn(Future.succeededFuture(false));
    // No object with a child's name exists outside the caches (nothing to refuse to take over).
    when(applier.current(any())).thenReturn(Future.succeededFuture(null));
    when(userSecrets.releaseIfUnused(anyString())).thenReturn(Future.succeededFuture());
  }

  static LiteLLMInstance instance() {
    LiteLLMInstance inst = new LiteLLMInstance();
    inst.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(NAME).withUid(UID).withGeneration(GENERATION)
        .withResourceVersion("5").build());
    return inst;
  }

  LiteLLMInstance stored(LiteLLMInstance inst) {
    when(kube.get(NS, NAME)).thenReturn(inst);
    return inst;
  }

  ReconcileResult reconcile() {
    Future<ReconcileResult> f = reconciler().reconcile(new ReconcileRequest<>(NS + "/" + NAME, NS, NAME, 1, true,
        GENERATION, 0L, new InstanceState()));
    assertTrue(f.isComplete(), "every port answers with a completed future");
    assertTrue(f.succeeded(), () -> "the reconcile failed: " + f.cause());
    return f.result();
  }

  /** The object as the API server would return it; a Deployment reports its rollout. */
  HasMetadata asWritten(HasMetadata desired) {
    HasMetadata live = Serialization.clone(desired);
    live.getMetadata().setResourceVersion("100");
    if (live instanceof Deployment d) {
      int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      int available = deploymentAvailable ? want : 0;
      d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(want)
          .withUpdatedReplicas(want).withAvailableReplicas(available).withReadyReplicas(available).build());
    }
    return live;
  }

  List<String> appliedKinds() {
    return applied.stream().map(HasMetadata::getKind).toList();
  }

  <T extends HasMetadata> T appliedOf(Class<T> type) {
    return applied.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " applied"));
  }

  /** A key of the applied {@code <n>-secrets}, decoded. */
  String appliedSecretValue(String key) {
    String encoded = appliedOf(Secret.class).getData().get(key);
    return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  /** The one status the reconcile wrote. */
  LiteLLMInstanceStatus writtenStatus() {
    ArgumentCaptor<Object> status = ArgumentCaptor.forClass(Object.class);
    verify(kube).writeStatus(any(), status.capture());
    return (LiteLLMInstanceStatus) status.getValue();
  }

  static void assertCondition(LiteLLMInstanceStatus s, String type, String status, String reason) {
    Condition c = Conditions.find(s.conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
    assertEquals(status, c.getStatus(), type + ": " + c.getMessage());
    assertEquals(reason, c.getReason(), type + ": " + c.getMessage());
  }
}
