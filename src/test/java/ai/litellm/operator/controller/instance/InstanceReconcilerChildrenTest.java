package ai.litellm.operator.controller.instance;

import ai.litellm.operator.render.ObjectMetas;

import static ai.litellm.operator.controller.instance.InstanceHarness.NS;
import static ai.litellm.operator.controller.instance.InstanceHarness.UID;
import static ai.litellm.operator.controller.instance.InstanceHarness.assertCondition;
import static ai.litellm.operator.controller.instance.InstanceHarness.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Gateway;
import ai.litellm.operator.api.Ingress;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.GatewayParentRef;
import ai.litellm.operator.render.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InstanceReconciler's children: apply order, read-back of writes, disabled children, Gateway API, Ready Events. */
class InstanceReconcilerChildrenTest {
  private final InstanceHarness h = new InstanceHarness();

  private LiteLLMInstance exposed(boolean ingress, boolean gateway) {
    LiteLLMInstance inst = instance();
    if (ingress) {
      inst.getSpec().ingress = new Ingress();
      inst.getSpec().ingress.enabled = true;
      inst.getSpec().ingress.host = "llm.example.com";
    }
    if (gateway) {
      inst.getSpec().gateway = new Gateway();
      inst.getSpec().gateway.enabled = true;
      inst.getSpec().gateway.host = "llm.example.com";
      h.settings = new OperatorSettings(new GatewayParentRef("gw", "infra", null), null);
    }
    return h.stored(inst);
  }

  @Test
  void everyEnabledChildIsAppliedInOrderAgainstItsCachedCopy() {
    exposed(true, true);
    ConfigMap cachedConfig = new ConfigMapBuilder().withMetadata(
        ObjectMetas.owned(InstanceHarness.instance(), "proxy-config")).build();
    when(h.configMaps.get(NS, "proxy-config")).thenReturn(cachedConfig);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    assertEquals(List.of("ConfigMap", "Secret", "Deployment", "Service", "Ingress", "HTTPRoute"), h.appliedKinds());
    verify(h.applier).apply(argThat(o -> o instanceof ConfigMap), same(cachedConfig));
    verify(h.applier).apply(argThat(o -> o instanceof Deployment), isNull());
    verify(h.applier, never()).deleteIfOwned(any(), anyString());
    LiteLLMInstanceStatus st = h.writtenStatus();
    assertTrue(st.configMapCreated && st.secretCreated && st.deploymentCreated && st.serviceCreated
        && st.ingressCreated);
    assertCondition(st, "Ready", "True", "Ready");
  }

  @Test
  void aWrittenChildIsRecordedForReadBackAndAnUnchangedOneIsNot() {
    h.stored(instance());
    ConfigMap cachedConfig = new ConfigMapBuilder().withMetadata(
        ObjectMetas.owned(InstanceHarness.instance(), "proxy-config")).build();
    when(h.configMaps.get(NS, "proxy-config")).thenReturn(cachedConfig);
    doReturn(Future.succeededFuture(new ServerSideApplier.Result(false, cachedConfig))).when(h.applier)
        .apply(argThat(o -> o instanceof ConfigMap), any());

    h.reconcile();
    verify(h.configMaps, never()).wrote(any(), any());
    verify(h.deployments).wrote(isNull(), argThat(d -> "100".equals(d.getMetadata().getResourceVersion())));
    assertTrue(h.writtenStatus().configMapCreated, "an unchanged child still exists");
  }

  @Test
  void aDisabledIngressAndRouteAreHandedToTheOwnershipCheckedDelete() {
    h.stored(instance());
    var cachedIngress = new IngressBuilder().withNewMetadata().withNamespace(NS).withName("proxy-ingress")
        .endMetadata().build();
    HTTPRoute cachedRoute = new HTTPRouteBuilder().withNewMetadata().withNamespace(NS).withName("proxy-route")
        .endMetadata().build();
    when(h.ingresses.get(NS, "proxy-ingress")).thenReturn(cachedIngress);
    when(h.routes.get(NS, "proxy-route")).thenReturn(cachedRoute);
    when(h.applier.deleteIfOwned(same(cachedIngress), eq(UID))).thenReturn(Future.succeededFuture(true));

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.applier).deleteIfOwned(same(cachedIngress), eq(UID));
    verify(h.applier).deleteIfOwned(same(cachedRoute), eq(UID));
    assertFalse(h.appliedKinds().contains("Ingress"));
    assertFalse(h.writtenStatus().ingressCreated);
  }

  @Test
  void withoutTheGatewayApiTheRouteIsSkippedAndStatusSaysWhy() {
    h.gatewayApiInstalled = false;
    exposed(false, true);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    assertEquals(List.of("ConfigMap", "Secret", "Deployment", "Service"), h.appliedKinds());
    LiteLLMInstanceStatus st = h.writtenStatus();
    assertCondition(st, "Ready", "False", "GatewayAPIUnavailable");
    assertCondition(st, "Degraded", "True", "GatewayAPIUnavailable");
    assertTrue(st.deploymentCreated);
    verify(h.routes, never()).get(anyString(), anyString());
  }

  @Test
  void withoutTheGatewayApiADisabledRouteNeedsNoDelete() {
    h.gatewayApiInstalled = false;
    h.stored(instance());
    var cachedIngress = new IngressBuilder().withNewMetadata().withNamespace(NS).withName("proxy-ingress")
        .endMetadata().build();
    when(h.ingresses.get(NS, "proxy-ingress")).thenReturn(cachedIngress);

    h.reconcile();
    verify(h.applier).deleteIfOwned(same(cachedIngress), eq(UID));
    verify(h.applier).deleteIfOwned(isNull(), eq(UID)); // no route informer: nothing cached to delete
    verify(h.routes, never()).get(anyString(), anyString());
  }

  @Test
  void anAutoscaledDeploymentIsAppliedWithoutReplicas() {
    LiteLLMInstance inst = instance();
    inst.getMetadata().setAnnotations(Map.of(ReplicasOwnership.ANNOTATION, "true"));
    inst.getSpec().replicas = 3;
    h.stored(inst);

    h.reconcile();
    assertNull(h.appliedOf(Deployment.class).getSpec().getReplicas());
  }

  @Test
  void becomingReadyRecordsANormalEvent() {
    h.stored(instance());

    h.reconcile();
    verify(h.kube).event(any(), any(), eq(EventSeverity.NORMAL), eq("Ready"), anyString());
    verify(h.kube, never()).event(any(), any(), eq(EventSeverity.WARNING), anyString(), anyString());
  }

  @Test
  void losingReadyRecordsAWarning() {
    LiteLLMInstanceStatus ready = readyStatus();
    LiteLLMInstance inst = instance();
    inst.setStatus(ready);
    h.stored(inst);
    h.deploymentAvailable = false;

    h.reconcile();
    assertCondition(h.writtenStatus(), "Ready", "False", "DeploymentNotAvailable");
    verify(h.kube).event(any(), any(), eq(EventSeverity.WARNING), eq("NotReady"), argThat(m -> m.contains("0/1")));
  }

  @Test
  void stayingReadyWritesNothingAndRecordsNothing() {
    LiteLLMInstance inst = instance();
    inst.setStatus(readyStatus());
    h.stored(inst);

    assertEquals(ReconcileResult.Kind.DONE, h.reconcile().kind());
    verify(h.kube, never()).writeStatus(any(), any());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
  }

  /** The status a first reconcile of a healthy instance writes. */
  private static LiteLLMInstanceStatus readyStatus() {
    InstanceHarness first = new InstanceHarness();
    first.stored(instance());
    first.reconcile();
    LiteLLMInstanceStatus st = first.writtenStatus();
    assertCondition(st, "Ready", "True", "Ready");
    return st;
  }
}
