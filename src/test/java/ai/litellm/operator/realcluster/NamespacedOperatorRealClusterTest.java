package ai.litellm.operator.realcluster;

import static ai.litellm.operator.realcluster.Fixtures.awaitInstanceReady;
import static ai.litellm.operator.realcluster.Fixtures.awaitModelReady;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Ingress;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sharding.ShardLeases;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real operator in the chart's namespaced RBAC mode ({@code watchNamespaces: [team-a]}): bound only to the Role the
 * chart renders in team-a, the Lease Role in its own namespace and get on namespace kube-system, it syncs an instance
 * (with an Ingress it later deletes) and a Model in team-a end to end, first under leader election, then as a
 * ring-sharding member (both renewing their Leases), and never touches team-b, where an instance and a Model wait
 * unreconciled. RBAC refuses it nothing.
 */
@RealCluster(controllerManager = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamespacedOperatorRealClusterTest {
  private static final String WATCHED = "team-a";
  private static final String UNWATCHED = "team-b";
  private static final String INSTANCE = "proxy";
  /** The chart's namespaced mode; ring sharding with a namespace list renders the very same RBAC (ChartRbacTest). */
  private static final String CHART_VALUES = "watchNamespaces: [" + WATCHED + "]\n";

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void prepare(RealControlPlane cp, KubernetesClient client) {
    admin = client;
    ClusterSetup.namespace(client, UNWATCHED);
    operator = RealOperator.prepare(cp, client, FakeLiteLLMOptions::new, CHART_VALUES, List.of(WATCHED));
    // Waiting in the namespace nobody watches: the operator must leave both alone.
    admin.resource(Fixtures.instance(UNWATCHED, INSTANCE)).create();
    admin.resource(Fixtures.model(UNWATCHED, "ignored", INSTANCE)).create();
  }

  /** A failed test leaves no operator running into the next one. */
  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private static OperatorConfig namespaced() {
    OperatorConfig cfg = RealOperator.testConfig();
    cfg.namespaces = List.of(WATCHED);
    cfg.identity = "operator-0";
    return cfg;
  }

  @Test
  @Order(1)
  void leaderSyncsAnInstanceAndAModelInTheWatchedNamespace() {
    OperatorConfig cfg = namespaced();
    cfg.leaderElection = true;
    operator.start(cfg);
    LiteLLMInstance inst = Fixtures.instance(WATCHED, INSTANCE);
    inst.getSpec().ingress = new Ingress();
    inst.getSpec().ingress.enabled = true;
    inst.getSpec().ingress.host = "proxy.example.com";
    admin.resource(inst).create();
    admin.resource(Fixtures.model(WATCHED, "gpt", INSTANCE)).create();
    awaitInstanceReady(admin, WATCHED, INSTANCE);
    awaitModelReady(admin, WATCHED, "gpt");
    assertEquals(1, operator.proxy(WATCHED, INSTANCE).models().size());

    // Turning the Ingress off makes the operator delete it (no garbage collector runs in this cluster).
    admin.resources(LiteLLMInstance.class).inNamespace(WATCHED).withName(INSTANCE).edit(i -> {
      i.getSpec().ingress.enabled = false;
      return i;
    });
    eventually("the operator deletes the Ingress it no longer renders", ClusterSetup.WAIT, () -> admin.network().v1().ingresses()
        .inNamespace(WATCHED).withName(InstanceNames.ingress(INSTANCE)).get() == null);
    Lease lease = admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE).withName(cfg.leaseName).get();
    assertEquals("operator-0", lease.getSpec().getHolderIdentity(), "the leader's Lease, in the operator namespace");
    awaitRenewal(lease); // fabric8's LeaderElector renews with a JSON merge patch
    operator.stop();
  }

  /** Waits until the holder renewed {@code lease} (renewals happen every retry period, 2 s). */
  private static void awaitRenewal(Lease lease) {
    String name = lease.getMetadata().getName();
    eventually("Lease " + name + " renewed", ClusterSetup.WAIT, () -> !lease.getSpec().getRenewTime().equals(
        admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE).withName(name).get().getSpec().getRenewTime()));
  }

  @Test
  @Order(2)
  void ringMemberSyncsAModelInTheWatchedNamespace() {
    ClusterSetup.grantChartRbac(admin, CHART_VALUES + "sharding: {mode: ring}\n");
    OperatorConfig cfg = namespaced();
    cfg.shardingMode = "ring";
    operator.start(cfg);
    admin.resource(Fixtures.model(WATCHED, "claude", INSTANCE)).create();
    awaitModelReady(admin, WATCHED, "claude");
    eventually("a member Lease and a claim on " + WATCHED + " in the operator namespace", ClusterSetup.WAIT, () ->
        !admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE)
            .withLabels(ShardLeases.memberLabels(cfg.leaseName)).list().getItems().isEmpty()
        && !admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE)
            .withLabels(ShardLeases.claimLabels(cfg.leaseName)).list().getItems().isEmpty());
    // Ring members renew with a compare-and-set update.
    awaitRenewal(admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE)
        .withLabels(ShardLeases.memberLabels(cfg.leaseName)).list().getItems().get(0));
    operator.stop();
    assertTrue(admin.leases().inNamespace(RealOperator.OPERATOR_NAMESPACE)
            .withLabels(ShardLeases.memberLabels(cfg.leaseName)).list().getItems().isEmpty(),
        "a stopping member deletes its Lease");
  }

  @Test
  @Order(3)
  void theUnwatchedNamespaceIsUntouchedAndNothingWasRefused() {
    Model ignored = Fixtures.getModel(admin, UNWATCHED, "ignored");
    assertNull(ignored.getStatus(), "a Model outside watchNamespaces got a status");
    assertTrue(ignored.getMetadata().getFinalizers() == null || ignored.getMetadata().getFinalizers().isEmpty());
    assertNull(Fixtures.getInstance(admin, UNWATCHED, INSTANCE).getStatus());
    assertNull(admin.secrets().inNamespace(UNWATCHED).withName(InstanceNames.secret(INSTANCE)).get());
    assertNull(operator.proxy(UNWATCHED, INSTANCE), "nobody resolved the proxy of the unwatched instance");

    assertTrue(operator.requests(v -> true, c -> true) > 0, "the operator made no Kubernetes request");
    assertEquals(List.of(), operator.rbacDenials(), "RBAC refused the operator: the chart's Roles lack a rule");
    assertEquals(0, operator.forbiddenRequests());
  }
}
