package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.GENERATION;
import static ai.litellm.operator.controller.model.ModelTestKit.KEY;
import static ai.litellm.operator.controller.model.ModelTestKit.NAME;
import static ai.litellm.operator.controller.model.ModelTestKit.NS;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.render.ModelPayload;
import ai.litellm.operator.render.ModelPayloadRenderer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.mockito.ArgumentCaptor;

/**
 * A ModelReconciler over mocked ports (Kubernetes, LiteLLM, connection resolution) with a real key state and metrics,
 * shared by the reconciler's test classes. Every port answers with a completed future, so a reconcile has finished
 * when {@link #reconcile()} returns.
 */
final class ReconcilerHarness {
  @SuppressWarnings("unchecked")
  final KubernetesPort<Model> kube = mock(KubernetesPort.class);
  final LiteLLMPort litellm = mock(LiteLLMPort.class);
  final ConnectionResolver connections = mock(ConnectionResolver.class);
  /** The key's state, as the event log would hand it to every reconcile of the key. */
  final ModelState state = new ModelState();
  final KnownProxies proxies = new KnownProxies();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ModelMetrics metrics = new ModelMetrics(registry);
  final Connection conn = ModelTestKit.connection();
  boolean allowCrossNamespace;
  /** The slow re-check of parked keys (--resync-period). */
  static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(10);
  final java.util.List<ai.litellm.operator.eventlog.ResourceEvent> woken = new java.util.ArrayList<>();
  final ParkedDependents dependents = new ParkedDependents(woken::add);
  /** Every instance serves unless a test says otherwise. */
  InstanceAvailability instances = InstanceAvailability.always();
  ProxyHealth proxyHealth = new ProxyHealth(3);
  /** No Credential exists unless a test says otherwise: a Model naming a credential waits. */
  CredentialGate credentials = new CredentialGate(k -> java.util.List.of(), (ns, n) -> null,
      new ReferenceNamespaces(false));

  /** The object under test; the one place that knows its constructor. */
  ModelReconciler reconciler() {
    return new ModelReconciler(kube, litellm, connections, metrics, new ReferenceNamespaces(allowCrossNamespace),
        proxies, ModelTestKit.INSTALL, ModelTestKit.HASH, RECHECK, dependents, instances, proxyHealth, credentials,
        null);
  }

  /** Every port succeeds: the finalizer and status writes return the object as written, LiteLLM accepts writes. */
  ReconcilerHarness() {
    when(kube.addFinalizer(any())).thenAnswer(inv -> {
      Model m = inv.getArgument(0);
      return Future.succeededFuture(Finalizers.has(m) ? m : ModelTestKit.withFinalizer(m));
    });
    when(kube.removeFinalizer(any())).thenAnswer(inv -> Future.succeededFuture(inv.getArgument(0)));
    when(kube.writeStatus(any(), any())).thenAnswer(inv -> {
      Model written = Serialization.clone((Model) inv.getArgument(0));
      written.setStatus((ModelStatus) inv.getArgument(1));
      return Future.succeededFuture(written);
    });
    when(kube.event(any(), any(), any(), anyString(), anyString())).thenReturn(Future.succeededFuture());
    when(kube.readSecret(anyString(), anyString())).thenReturn(Future.succeededFuture(Optional.empty()));
    when(connections.resolve(any())).thenReturn(Future.succeededFuture(conn));
    when(litellm.create(any(), any())).thenAnswer(inv -> Future.succeededFuture(
        new ai.litellm.operator.litellm.LiteLLMModel("created", null, null, null)));
    when(litellm.patch(any(), anyString(), any())).thenAnswer(inv -> Future.succeededFuture(
        new ai.litellm.operator.litellm.LiteLLMModel(inv.getArgument(1), null, null, null)));
    when(litellm.updateParams(any(), anyString(), any())).thenAnswer(inv -> Future.succeededFuture(
        new ai.litellm.operator.litellm.LiteLLMModel(inv.getArgument(1), null, null, null)));
    when(litellm.delete(any(), anyString())).thenReturn(Future.succeededFuture());
    when(litellm.get(any(), anyString())).thenReturn(Future.succeededFuture(Optional.empty()));
  }

  /** Puts {@code m} in the (mocked) informer cache. */
  Model stored(Model m) {
    when(kube.get(NS, NAME)).thenReturn(m);
    return m;
  }

  ReconcileResult reconcile() {
    return ModelTestKit.result(reconciler().reconcile(new ReconcileRequest<>(KEY, NS, NAME, 1, true, GENERATION, 0L, state)));
  }

  /** What the reconciler renders for {@code m} through the harness's connection, without a model Secret. */
  ModelPayload payload(Model m) {
    return ModelPayloadRenderer.render(m, Map.of(), conn.identity(), ModelTestKit.INSTALL);
  }

  /** {@code m} with its finalizer and a status recording its current payload as applied (the steady state). */
  Model applied(Model m) {
    ModelPayload p = payload(m);
    return ModelTestKit.withStatus(ModelTestKit.withFinalizer(m), ModelStatuses.stamp(ModelStatuses.synced(m,
        p.modelId(), p.modelName(), p.statusParams(), ModelTestKit.HASH.of(p.payloadHash()), conn.description(),
        new PreviousProxy(null, null, ModelTestKit.HASH).of(m, conn),
        ai.litellm.operator.render.ModelChangePlanner.credentialParamNames(p.body()))));
  }

  /** The one status the reconcile wrote. */
  ModelStatus writtenStatus() {
    ArgumentCaptor<Object> status = ArgumentCaptor.forClass(Object.class);
    verify(kube).writeStatus(any(), status.capture());
    return (ModelStatus) status.getValue();
  }

  double failures(String reason) {
    Counter c = registry.find("litellm_operator_model_sync_failures").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  double driftRepaired() {
    return registry.get("litellm_operator_drift_repaired").counter().count();
  }
}
