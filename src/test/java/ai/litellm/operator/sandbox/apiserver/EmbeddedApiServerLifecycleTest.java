package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start on a fixed port, kubeconfig contents, CRD-less start, idempotent close that frees the port. */
class EmbeddedApiServerLifecycleTest {

  @Test
  void fixedPortKubeconfigAndClose(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withPort(port));
    try (KubernetesClient client = api.newClient()) {
      assertEquals("http://127.0.0.1:" + port, api.url());
      assertEquals(2, api.objectCount(), "no CRDs unless asked for: only the namespaces every cluster has");
      assertTrue(client.apiextensions().v1().customResourceDefinitions().list().getItems().isEmpty());
      assertEquals("30", client.getKubernetesVersion().getMinor());

      Path kubeconfig = api.writeKubeconfig(dir.resolve("sub/kubeconfig"));
      String text = Files.readString(kubeconfig);
      assertTrue(text.contains("server: http://127.0.0.1:" + port), text);
      assertTrue(text.contains("current-context: litellm-sandbox"), text);
      assertTrue(text.contains("token: "), text);
    } finally {
      api.close();
      api.close();
    }
    // The port is free again once closed.
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void rejectsInvalidPort() {
    assertThrows(IllegalArgumentException.class, () -> EmbeddedApiServerOptions.defaults().withPort(70000));
  }
}
