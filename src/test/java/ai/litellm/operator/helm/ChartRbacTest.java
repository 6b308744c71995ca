package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.helm.OperatorAccess.Access;
import ai.litellm.operator.helm.OperatorAccess.Mode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's RBAC, read from the rendered objects: in every mode the operator's ServiceAccount gets exactly what
 * {@link OperatorAccess} lists, at cluster scope and in each namespace. ChartRbacRealClusterTest checks the same on a
 * real API server.
 */
class ChartRbacTest {
  private static final List<String> NAMESPACES = List.of(ChartRbac.NAMESPACE, "team-a", "team-b");

  static Stream<Mode> modes() {
    return OperatorAccess.MODES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void grantsExactlyWhatTheOperatorUses(Mode mode) {
    ChartRbac rbac = ChartRbac.render(mode.values());
    List<String> failures = new ArrayList<>();
    compare("cluster scope", mode.clusterWide(), rbac.clusterWide(), failures);
    for (String ns : NAMESPACES) {
      compare("namespace " + ns, mode.in(ns, ChartRbac.NAMESPACE), rbac.in(ns), failures);
    }
    assertEquals(List.of(), failures, mode + ":\n" + String.join("\n", failures));
  }

  /** Appends what {@code actual} lacks and what it has beyond {@code expected}. */
  static void compare(String where, Set<Access> expected, Set<Access> actual, List<String> failures) {
    Set<Access> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<Access> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    if (!missing.isEmpty()) {
      failures.add(where + ": missing " + missing);
    }
    if (!extra.isEmpty()) {
      failures.add(where + ": more than the operator uses " + extra);
    }
  }

  @Test
  void namespacedModeBindsRolesInTheWatchedNamespacesAndTheLeaseRoleInTheReleaseNamespace() {
    RenderedChart chart = ChartRbac.render("watchNamespaces: [team-a, team-b]\n").chart();
    Set<String> roles = new TreeSet<>();
    chart.all(Role.class).forEach(r -> roles.add(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()));
    assertEquals(Set.of("team-a/ops-litellm-operator", "team-b/ops-litellm-operator",
        ChartRbac.NAMESPACE + "/ops-litellm-operator-leases", ChartRbac.NAMESPACE + "/ops-litellm-operator-install"),
        roles);
    Set<String> bindings = new TreeSet<>();
    chart.all(RoleBinding.class).forEach(b -> bindings.add(b.getMetadata().getNamespace() + "/"
        + b.getRoleRef().getKind() + "/" + b.getRoleRef().getName()));
    assertEquals(Set.of("team-a/Role/ops-litellm-operator", "team-b/Role/ops-litellm-operator",
        ChartRbac.NAMESPACE + "/Role/ops-litellm-operator-leases",
        ChartRbac.NAMESPACE + "/Role/ops-litellm-operator-install"), bindings);
    List<ClusterRole> clusterRoles = chart.all(ClusterRole.class);
    assertEquals(List.of("ops-litellm-operator-namespaces"),
        clusterRoles.stream().map(r -> r.getMetadata().getName()).toList(),
        "the only ClusterRole in namespaced mode is the one for namespace kube-system");
  }

  @Test
  void allNamespacesModeKeepsTheClusterRoleNameOfEarlierReleases() {
    RenderedChart chart = HelmChart.renderDefaults();
    assertTrue(chart.all(ClusterRole.class).stream().anyMatch(r -> "ops-litellm-operator".equals(r.getMetadata().getName())),
        "an upgrade updates the existing ClusterRole instead of leaving it behind");
  }

  @Test
  void rbacCreateFalseRendersNoRoleOrBinding() {
    for (String values : List.of("rbac: {create: false}\n", "rbac: {create: false}\nwatchNamespaces: [team-a]\n")) {
      List<HasMetadata> rbac = ChartRbac.render(values).objects();
      assertEquals(List.of("ServiceAccount"), rbac.stream().map(HasMetadata::getKind).toList(), values);
    }
  }
}
