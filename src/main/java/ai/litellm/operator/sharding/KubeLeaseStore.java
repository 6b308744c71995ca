package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/** {@link LeaseStore} on the API server (coordination.k8s.io/v1). */
public final class KubeLeaseStore implements LeaseStore {
  private final KubernetesClient client;
  private final String namespace;

  public KubeLeaseStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public Lease get(String name) {
    return client.leases().inNamespace(namespace).withName(name).get();
  }

  @Override
  public List<Lease> list(Map<String, String> labels) {
    return client.leases().inNamespace(namespace).withLabels(labels).list().getItems();
  }

  @Override
  public Lease create(Lease lease) {
    try {
      return client.leases().inNamespace(namespace).resource(lease).create();
    } catch (KubernetesClientException e) {
      throw conflictOr(e, lease);
    }
  }

  @Override
  public Lease update(Lease lease) {
    if (lease.getMetadata().getResourceVersion() == null) {
      throw new IllegalArgumentException("compare-and-set update needs a resourceVersion");
    }
    try {
      return client.leases().inNamespace(namespace).resource(lease).update();
    } catch (KubernetesClientException e) {
      throw conflictOr(e, lease);
    }
  }

  @Override
  public void delete(String name) {
    client.leases().inNamespace(namespace).withName(name).delete();
  }

  private static RuntimeException conflictOr(KubernetesClientException e, Lease lease) {
    if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
      return new LeaseConflictException("lease " + lease.getMetadata().getName() + " changed concurrently", e);
    }
    return e;
  }
}
