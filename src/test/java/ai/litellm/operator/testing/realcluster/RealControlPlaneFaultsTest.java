package ai.litellm.operator.testing.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The control-plane faults of the fault matrix do what they say: kube-apiserver stops and starts again on its data,
 * and a compaction of etcd under a frozen kube-apiserver expires the watches of its clients with 410 Gone.
 */
@RealCluster(controllerManager = false)
class RealControlPlaneFaultsTest {

  @Test
  void theApiServerStopsAndStartsAgainOnItsData(KubernetesClient client, RealControlPlane cp) {
    namespace(client, "restart");
    client.configMaps().inNamespace("restart").resource(configMap("restart", "kept")).create();

    cp.stopApiServer();
    try (KubernetesClient noRetries = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(cp.adminConfig()).withRequestRetryBackoffLimit(0).build()).build()) {
      KubernetesClientException down = assertThrows(KubernetesClientException.class,
          () -> noRetries.configMaps().inNamespace("restart").withName("kept").get());
      assertTrue(down.getCode() <= 0, "no answer while stopped, not an HTTP status: " + down);
    }

    cp.startApiServer();
    assertEquals("v", client.configMaps().inNamespace("restart").withName("kept").get().getData().get("k"),
        "etcd kept the data");
  }

  @Test
  void aCompactedEtcdExpiresWatchesWith410(KubernetesClient client, RealControlPlane cp) throws Exception {
    namespace(client, "compaction");
    ConfigMap first = client.configMaps().inNamespace("compaction").resource(configMap("compaction", "first")).create();
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    try (Watch watch = client.configMaps().inNamespace("compaction")
        .withResourceVersion(first.getMetadata().getResourceVersion()).watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap resource) {
          }

          @Override
          public void onClose(WatcherException cause) {
            closed.complete(cause);
          }
        })) {
      client.configMaps().inNamespace("compaction").resource(configMap("compaction", "second")).create();

      long revision = cp.expireWatchesByCompaction();

      assertTrue(revision > Long.parseLong(first.getMetadata().getResourceVersion()));
      WatcherException cause = closed.get(2, TimeUnit.MINUTES);
      assertTrue(cause != null && cause.isHttpGone(), "the watch ended with 410 Gone: " + cause);
      assertEquals(2, client.configMaps().inNamespace("compaction").list().getItems().stream()
          .filter(c -> c.getMetadata().getName().equals("first") || c.getMetadata().getName().equals("second"))
          .count(), "the data outlived the compaction and the etcd restart");
    }
  }

  private static void namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withData(Map.of("k", "v")).build();
  }
}
