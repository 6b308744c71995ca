package ai.litellm.operator.sandbox.apiserver;

import java.util.List;

/**
 * The built-in kinds the embedded server advertises in discovery: what the operator writes (Secrets, ConfigMaps,
 * Services, Deployments, Ingresses, HTTPRoutes, Leases, Events...) and what kubectl users commonly ask for. The mock
 * stores any kind; discovery is what makes kubectl accept a kind at all.
 */
final class BuiltInResources {
  private static final List<String> ALL = List.of("all");
  private static final List<String> NONE = List.of();

  static final List<ApiResource> RESOURCES = List.of(
      ApiResource.builtIn("", "v1", "namespaces", "Namespace", false, List.of("ns"), NONE),
      ApiResource.builtIn("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), NONE),
      ApiResource.builtIn("", "v1", "secrets", "Secret", true, NONE, NONE),
      ApiResource.builtIn("", "v1", "services", "Service", true, List.of("svc"), ALL),
      ApiResource.builtIn("", "v1", "events", "Event", true, List.of("ev"), NONE),
      ApiResource.builtIn("", "v1", "serviceaccounts", "ServiceAccount", true, List.of("sa"), NONE),
      ApiResource.builtIn("", "v1", "pods", "Pod", true, List.of("po"), ALL),
      ApiResource.builtIn("", "v1", "endpoints", "Endpoints", true, List.of("ep"), NONE),
      ApiResource.builtIn("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), NONE),
      ApiResource.builtIn("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), ALL),
      ApiResource.builtIn("apps", "v1", "statefulsets", "StatefulSet", true, List.of("sts"), ALL),
      ApiResource.builtIn("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), ALL),
      ApiResource.builtIn("apps", "v1", "daemonsets", "DaemonSet", true, List.of("ds"), ALL),
      ApiResource.builtIn("networking.k8s.io", "v1", "ingresses", "Ingress", true, List.of("ing"), NONE),
      ApiResource.builtIn("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, NONE, NONE),
      ApiResource.builtIn("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, List.of("netpol"), NONE),
      ApiResource.builtIn("coordination.k8s.io", "v1", "leases", "Lease", true, NONE, NONE),
      ApiResource.builtIn("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
          List.of("crd", "crds"), NONE),
      ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "roles", "Role", true, NONE, NONE),
      ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, NONE, NONE),
      ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, NONE, NONE),
      ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, NONE,
          NONE),
      ApiResource.builtIn("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), NONE),
      ApiResource.builtIn("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true, List.of("gtw"), NONE),
      ApiResource.builtIn("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true, NONE, NONE),
      ApiResource.builtIn("gateway.networking.k8s.io", "v1", "gatewayclasses", "GatewayClass", false, List.of("gc"),
          NONE));

  private BuiltInResources() {}
}
