package ai.litellm.operator.helm;

import ai.litellm.operator.helm.OperatorAccess.Access;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The chart's RBAC (its ServiceAccount, roles and bindings) rendered with some values: what the real-cluster suite binds
 * the operator to, and what the permissions of the operator's ServiceAccount are according to the rendered objects.
 */
public final class ChartRbac {
  /** The release namespace of every rendering: the operator's own namespace. */
  public static final String NAMESPACE = HelmChart.NAMESPACE;
  static final Set<String> KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private final RenderedChart chart;

  private ChartRbac(RenderedChart chart) {
    this.chart = chart;
  }

  /** Renders the chart with {@code valuesYaml} (as `-f values.yaml`) in release namespace {@link #NAMESPACE}. */
  public static ChartRbac render(String valuesYaml) {
    return new ChartRbac(HelmChart.render(valuesYaml));
  }

  RenderedChart chart() {
    return chart;
  }

  /** The rendered RBAC objects, ServiceAccount first, roles before their bindings. */
  public List<HasMetadata> objects() {
    List<String> order = List.of("ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding");
    return chart.objects.stream().filter(o -> KINDS.contains(o.getKind()))
        .sorted(java.util.Comparator.comparingInt(o -> order.indexOf(o.getKind()))).toList();
  }

  /** The name of the operator's ServiceAccount (in {@link #NAMESPACE}). */
  public String serviceAccount() {
    return chart.one(ServiceAccount.class).getMetadata().getName();
  }

  /** Server-side applies every RBAC object; the namespaces they live in must exist. */
  public void apply(KubernetesClient admin) {
    objects().forEach(o -> admin.resource(o).forceConflicts().serverSideApply());
  }

  /** Permissions granted at cluster scope: ClusterRoles bound by ClusterRoleBindings to the ServiceAccount. */
  Set<Access> clusterWide() {
    Set<Access> out = new TreeSet<>();
    for (ClusterRoleBinding b : chart.all(ClusterRoleBinding.class)) {
      if (bindsOperator(b.getSubjects())) {
        out.addAll(OperatorAccess.flatten(rules(b.getRoleRef(), null)));
      }
    }
    return out;
  }

  /** Permissions in namespace {@code ns}: the cluster-wide ones and those of RoleBindings in {@code ns}. */
  Set<Access> in(String ns) {
    Set<Access> out = new TreeSet<>(clusterWide());
    for (RoleBinding b : chart.all(RoleBinding.class)) {
      if (ns.equals(b.getMetadata().getNamespace()) && bindsOperator(b.getSubjects())) {
        out.addAll(OperatorAccess.flatten(rules(b.getRoleRef(), ns)));
      }
    }
    return out;
  }

  private boolean bindsOperator(List<Subject> subjects) {
    String sa = serviceAccount();
    return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
        && sa.equals(s.getName()) && NAMESPACE.equals(s.getNamespace()));
  }

  /** The rules a binding refers to; a reference to a role the chart does not render fails. */
  private List<PolicyRule> rules(RoleRef ref, String bindingNamespace) {
    if ("ClusterRole".equals(ref.getKind())) {
      return chart.all(ClusterRole.class).stream().filter(r -> ref.getName().equals(r.getMetadata().getName()))
          .findFirst().orElseThrow(() -> new AssertionError("no ClusterRole " + ref.getName())).getRules();
    }
    return chart.all(Role.class).stream().filter(r -> ref.getName().equals(r.getMetadata().getName())
            && Objects.equals(bindingNamespace, r.getMetadata().getNamespace()))
        .findFirst().orElseThrow(() -> new AssertionError("no Role " + bindingNamespace + "/" + ref.getName()))
        .getRules();
  }
}
