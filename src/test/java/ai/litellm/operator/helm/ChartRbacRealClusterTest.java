package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.helm.OperatorAccess.Access;
import ai.litellm.operator.helm.OperatorAccess.Mode;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's RBAC applied to a real API server, in every mode, asked as the operator's ServiceAccount: each request
 * the operator makes ({@link OperatorAccess}) is allowed where the mode says and refused everywhere else (cluster
 * scope, the release namespace, a watched and an unwatched namespace), requests it must never make are refused, and
 * the server lists no permission beyond those (`kubectl auth can-i --list`).
 */
@RealCluster(controllerManager = false)
class ChartRbacRealClusterTest {
  private static final List<String> NAMESPACES = List.of(ChartRbac.NAMESPACE, "team-a", "team-b");
  private static final long WAIT_MINUTES = 2;

  /** Requests the operator never makes: the ones RBAC most needs to refuse. */
  private static final Set<Access> NEVER = new TreeSet<>(List.of(
      Access.of("delete", "", "secrets"), Access.of("update", "", "secrets"), Access.of("deletecollection", "", "secrets"),
      Access.of("delete", "", "configmaps"), Access.of("update", "", "configmaps"),
      Access.of("delete", "", "services"), Access.of("delete", "apps", "deployments"),
      Access.of("update", "apps", "deployments"),
      Access.of("update", OperatorAccess.CRD_GROUP, "models"), Access.of("delete", OperatorAccess.CRD_GROUP, "models"),
      Access.of("create", OperatorAccess.CRD_GROUP, "models"),
      Access.of("patch", OperatorAccess.CRD_GROUP, "litellminstances"),
      Access.of("delete", OperatorAccess.CRD_GROUP, "litellminstances"),
      Access.of("update", OperatorAccess.CRD_GROUP, "models/finalizers"),
      Access.of("update", OperatorAccess.CRD_GROUP, "models/status"),
      Access.of("update", OperatorAccess.CRD_GROUP, "credentials"),
      Access.of("delete", OperatorAccess.CRD_GROUP, "credentials"),
      Access.of("create", OperatorAccess.CRD_GROUP, "credentials"),
      Access.of("update", OperatorAccess.CRD_GROUP, "credentials/finalizers"),
      Access.of("update", OperatorAccess.CRD_GROUP, "credentials/status"),
      Access.of("create", "events.k8s.io", "events"), Access.of("update", "", "events"),
      Access.of("watch", "coordination.k8s.io", "leases"),
      new Access("get", "", "namespaces", "team-a"), Access.of("delete", "", "namespaces"),
      Access.of("list", "", "pods"), Access.of("create", "", "pods"),
      Access.of("create", "rbac.authorization.k8s.io", "rolebindings"),
      Access.of("create", "rbac.authorization.k8s.io", "clusterroles"),
      Access.of("create", "apiextensions.k8s.io", "customresourcedefinitions")));

  @BeforeAll
  static void namespaces(KubernetesClient admin) {
    for (String ns : NAMESPACES) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
  }

  static Stream<Mode> modes() {
    return OperatorAccess.MODES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void theServiceAccountMayDoWhatTheOperatorDoesAndNothingElse(Mode mode, KubernetesClient admin, RealControlPlane cp)
      throws InterruptedException {
    ChartRbac rbac = ChartRbac.render(mode.values());
    rbac.apply(admin);
    try (KubernetesClient operator = new KubernetesClientBuilder()
        .withConfig(cp.configForServiceAccount(ChartRbac.NAMESPACE, rbac.serviceAccount())).build()) {
      AccessReviews reviews = new AccessReviews(operator);
      awaitBindingsEffective(mode, reviews);

      Set<Access> asked = new TreeSet<>(OperatorAccess.IN_WATCHED_NAMESPACE);
      asked.addAll(OperatorAccess.LEASES);
      asked.addAll(OperatorAccess.INSTALL_SECRET);
      asked.addAll(OperatorAccess.CLUSTER);
      asked.addAll(OperatorAccess.NAMESPACE_LIST);
      asked.addAll(NEVER);
      List<String> failures = new ArrayList<>();
      for (Access a : asked) {
        check("cluster scope", a, a.allowedBy(mode.clusterWide()), reviews.allowed("", a), failures);
        for (String ns : NAMESPACES) {
          check(ns, a, a.allowedBy(mode.in(ns, ChartRbac.NAMESPACE)), reviews.allowed(ns, a), failures);
        }
      }
      for (String ns : NAMESPACES) {
        ChartRbacTest.compare("can-i --list in " + ns, mode.in(ns, ChartRbac.NAMESPACE), reviews.rules(ns), failures);
      }
      assertEquals(List.of(), failures, mode + ":\n" + String.join("\n", failures));
    }
  }

  private static void check(String where, Access a, boolean expected, boolean allowed, List<String> failures) {
    if (expected != allowed) {
      failures.add(where + ": " + a + (allowed ? " is allowed" : " is refused"));
    }
  }

  /** The RBAC authorizer learns new bindings through an informer: wait until every expected rule is in effect. */
  private static void awaitBindingsEffective(Mode mode, AccessReviews reviews) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
    while (System.nanoTime() < deadline) {
      if (NAMESPACES.stream().allMatch(ns -> reviews.rules(ns).containsAll(mode.in(ns, ChartRbac.NAMESPACE)))) {
        return;
      }
      Thread.sleep(200);
    }
    // The assertions report what is still missing.
  }
}
