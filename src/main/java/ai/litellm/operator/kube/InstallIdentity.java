package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The id of this install of the operator, written into the ownership marker of every LiteLLM model it creates: the
 * uid of the cluster's {@code kube-system} namespace (stable for the cluster's life, different for every cluster) and
 * the operator's own namespace (two installs in one cluster live in two namespaces). An explicit id wins, e.g. to keep
 * the id when a cluster is rebuilt and its models are adopted by the new one.
 */
public final class InstallIdentity {
  static final String CLUSTER_NAMESPACE = "kube-system";

  private InstallIdentity() {}

  /**
   * Blocking (one GET): call through the bridge.
   *
   * @param configured the {@code --install-id} setting; blank to derive it
   * @throws IllegalStateException with the fix when the cluster identity cannot be read
   */
  public static String resolve(KubernetesClient client, String operatorNamespace, String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    Namespace ns;
    try {
      ns = client.namespaces().withName(CLUSTER_NAMESPACE).get();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read namespace " + CLUSTER_NAMESPACE + " to derive the install id ("
          + e.getMessage() + "); grant get on it or set --install-id", e);
    }
    if (ns == null || ns.getMetadata().getUid() == null) {
      throw new IllegalStateException("namespace " + CLUSTER_NAMESPACE + " not found: cannot derive the install id;"
          + " set --install-id");
    }
    return ns.getMetadata().getUid() + "/" + operatorNamespace;
  }
}
