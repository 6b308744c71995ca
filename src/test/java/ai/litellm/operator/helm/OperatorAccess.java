package ai.litellm.operator.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Kubernetes request the operator makes, as (verb, group, resource, name), each with the code that makes it: the
 * specification the chart's RBAC must meet exactly, no more and no less. ChartRbacTest checks the rendered rules
 * against it, ChartRbacRealClusterTest the permissions a real API server grants. A permission not listed here is one
 * the operator must not hold; a request added to the code needs its line here (and the real-cluster operator suite,
 * which runs the operator under the chart's RBAC, fails until it has one).
 */
final class OperatorAccess {
  static final String CRD_GROUP = "litellm.litellm.ai";

  /** One permission. {@code name} is empty unless the rule names its object (resourceNames). */
  record Access(String verb, String group, String resource, String name) implements Comparable<Access> {
    static Access of(String verb, String group, String resource) {
      return new Access(verb, group, resource, "");
    }

    /** Whether {@code granted} allows this request: exactly, or through the same verb on every name. */
    boolean allowedBy(java.util.Set<Access> granted) {
      return granted.contains(this) || granted.contains(new Access(verb, group, resource, ""));
    }

    String resourceOnly() {
      int slash = resource.indexOf('/');
      return slash < 0 ? resource : resource.substring(0, slash);
    }

    String subresource() {
      int slash = resource.indexOf('/');
      return slash < 0 ? "" : resource.substring(slash + 1);
    }

    @Override
    public int compareTo(Access o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (name.isEmpty() ? "" : "/" + name);
    }
  }

  /** What the operator does in every namespace it watches. */
  static final Set<Access> IN_WATCHED_NAMESPACE = sorted(
      // InformerSet<LiteLLMInstance>, InformerSet<Model> and InformerSet<Credential>: list + watch (paged); no GET by
      // name anywhere.
      crd("list", "litellminstances"), crd("watch", "litellminstances"),
      crd("list", "models"), crd("watch", "models"),
      crd("list", "credentials"), crd("watch", "credentials"),
      // Finalizers.add/remove: a JSON patch of metadata.finalizers on the Model, Credential or instance itself.
      crd("patch", "models"), crd("patch", "litellminstances"), crd("patch", "credentials"),
      // StatusPatcher: JSON patches of the status subresources.
      crd("patch", "litellminstances/status"), crd("patch", "models/status"), crd("patch", "credentials/status"),
      // OwnerReferences.controllerOf sets blockOwnerDeletion: with the OwnerReferencesPermissionEnforcement admission
      // plugin (OpenShift, hardened clusters) setting it needs update on the owner's finalizers subresource.
      crd("update", "litellminstances/finalizers"),
      // The instance's <name>-secrets: server-side applied (PATCH; create when absent), read back by GET before
      // rendering. SecretReader: GET of the Secrets Models reference. Owned Secrets (label-selected) and the user
      // Secrets of namespaces with instances, and the Secrets Models read (SecretWatch): informers, list + watch.
      core("get", "secrets"), core("list", "secrets"), core("watch", "secrets"),
      core("create", "secrets"), core("patch", "secrets"),
      // The other children of an instance: informers (list + watch), server-side apply (patch, create), and
      // ServerSideApplier.current (get) before the first apply, so an object the instance does not own is never
      // taken over (InstanceReconciler.refuseForeignObjects).
      core("get", "configmaps"), core("get", "services"), Access.of("get", "apps", "deployments"),
      Access.of("get", "networking.k8s.io", "ingresses"), Access.of("get", "gateway.networking.k8s.io", "httproutes"),
      core("list", "configmaps"), core("watch", "configmaps"), core("create", "configmaps"), core("patch", "configmaps"),
      core("list", "services"), core("watch", "services"), core("create", "services"), core("patch", "services"),
      Access.of("list", "apps", "deployments"), Access.of("watch", "apps", "deployments"),
      Access.of("create", "apps", "deployments"), Access.of("patch", "apps", "deployments"),
      // Ingress and HTTPRoute also get deleted: ServerSideApplier.deleteIfOwned when spec.ingress / spec.gateway is
      // turned off (only if the object carries the instance's controller reference).
      Access.of("list", "networking.k8s.io", "ingresses"), Access.of("watch", "networking.k8s.io", "ingresses"),
      Access.of("create", "networking.k8s.io", "ingresses"), Access.of("patch", "networking.k8s.io", "ingresses"),
      Access.of("delete", "networking.k8s.io", "ingresses"),
      Access.of("list", "gateway.networking.k8s.io", "httproutes"),
      Access.of("watch", "gateway.networking.k8s.io", "httproutes"),
      Access.of("create", "gateway.networking.k8s.io", "httproutes"),
      Access.of("patch", "gateway.networking.k8s.io", "httproutes"),
      Access.of("delete", "gateway.networking.k8s.io", "httproutes"),
      // EventRecorder: core/v1 Events, created; a repeat merge-patches the count and lastTimestamp of its Event.
      core("create", "events"), core("patch", "events"));

  /**
   * Leases in the operator's own namespace (--operator-namespace, the release namespace): fabric8's LeaderElector on
   * the operator's KubeLeaseStore (get, create, compare-and-set update to renew and release; patch is no longer used)
   * and ring sharding's (get, list by label, create, compare-and-set update, delete of its member Lease on shutdown).
   */
  static final Set<Access> LEASES = sorted(
      lease("get"), lease("list"), lease("create"), lease("update"), lease("delete"));

  /**
   * The install's own Secret in the operator's namespace (kube.InstallSecret: the key of the published payload hashes),
   * read by name and created on first start; in every mode.
   */
  static final Set<Access> INSTALL_SECRET = sorted(new Access("get", "", "secrets", "litellm-operator-install"),
      core("create", "secrets"));

  /** Cluster scope in every mode: the install identity is derived from the uid of namespace kube-system. */
  static final Set<Access> CLUSTER = sorted(new Access("get", "", "namespaces", "kube-system"));

  /** NamespaceSource.Informed: ring and static sharding over all namespaces list and watch the Namespaces. */
  static final Set<Access> NAMESPACE_LIST = sorted(core("list", "namespaces"), core("watch", "namespaces"));

  /** The RBAC modes the chart renders, each under its own name so that a cluster can hold them side by side. */
  static final List<Mode> MODES = List.of(
      new Mode("all namespaces, leader election", "fullnameOverride: rbac-all\n", List.of(), "none", true),
      new Mode("all namespaces, ring sharding", "fullnameOverride: rbac-all-ring\nreplicaCount: 3\n"
          + "sharding: {mode: ring}\n", List.of(), "ring", false),
      new Mode("all namespaces, static sharding", "fullnameOverride: rbac-all-static\nreplicaCount: 2\n"
          + "sharding: {mode: static}\n", List.of(), "static", false),
      new Mode("team-a only, leader election", "fullnameOverride: rbac-team-a\nwatchNamespaces: [team-a]\n",
          List.of("team-a"), "none", true),
      new Mode("team-a only, no leader election", "fullnameOverride: rbac-team-a-single\n"
          + "watchNamespaces: [team-a]\nleaderElection: {enabled: false}\n", List.of("team-a"), "none", false),
      new Mode("team-a and the release namespace, ring sharding", "fullnameOverride: rbac-ring-ns\n"
          + "replicaCount: 2\nsharding: {mode: ring}\nwatchNamespaces: [team-a, " + HelmChart.NAMESPACE + "]\n",
          List.of("team-a", HelmChart.NAMESPACE), "ring", false));

  private OperatorAccess() {}

  /** How the chart was configured, as far as RBAC cares. */
  record Mode(String name, String values, List<String> watched, String sharding, boolean leaderElection) {
    boolean allNamespaces() {
      return watched.isEmpty();
    }

    /** Leases are used by leader election (sharding none) and by ring membership and claims. */
    boolean usesLeases() {
      return "ring".equals(sharding) || ("none".equals(sharding) && leaderElection);
    }

    /** What the operator holds at cluster scope (in every namespace and across all of them). */
    Set<Access> clusterWide() {
      Set<Access> out = new TreeSet<>(CLUSTER);
      if (allNamespaces()) {
        out.addAll(IN_WATCHED_NAMESPACE);
        if (!"none".equals(sharding)) {
          out.addAll(NAMESPACE_LIST);
        }
      }
      return out;
    }

    /** Everything the operator may do in namespace {@code ns} ({@code release}: the operator's own namespace). */
    Set<Access> in(String ns, String release) {
      Set<Access> out = new TreeSet<>(clusterWide());
      if (watched.contains(ns)) {
        out.addAll(IN_WATCHED_NAMESPACE);
      }
      if (ns.equals(release) && usesLeases()) {
        out.addAll(LEASES);
      }
      if (ns.equals(release)) {
        out.addAll(INSTALL_SECRET);
      }
      return out;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Every permission the rules grant, one per verb, group, resource and resource name. */
  static Set<Access> flatten(Collection<PolicyRule> rules) {
    Set<Access> out = new TreeSet<>();
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("")
          : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            names.forEach(name -> out.add(new Access(verb, group, resource, name)));
          }
        }
      }
    }
    return out;
  }

  private static Access crd(String verb, String resource) {
    return Access.of(verb, CRD_GROUP, resource);
  }

  private static Access core(String verb, String resource) {
    return Access.of(verb, "", resource);
  }

  private static Access lease(String verb) {
    return Access.of(verb, "coordination.k8s.io", "leases");
  }

  private static Set<Access> sorted(Access... accesses) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(accesses)));
  }
}
