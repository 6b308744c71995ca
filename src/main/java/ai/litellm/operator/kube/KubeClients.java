package ai.litellm.operator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the fabric8 client. fabric8 gets a Vert.x of its own (its factory creates one): informer and watch I/O stay off
 * the operator's event loops, and no operator context can ever be the one a blocking fabric8 call waits on.
 */
public final class KubeClients {
  private KubeClients() {}

  /**
   * Config from an explicit kubeconfig file, else the usual auto-configuration (KUBECONFIG, ~/.kube/config, in-cluster
   * service account).
   */
  public static Config config(Path kubeconfig, int maxConcurrentRequests) {
    Config base;
    if (kubeconfig != null) {
      try {
        base = Config.fromKubeconfig(Files.readString(kubeconfig));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
      }
    } else {
      base = Config.autoConfigure(null);
    }
    return tune(base, maxConcurrentRequests);
  }

  /** Operator-wide client settings: enough concurrent requests for fleets, and watches that reconnect forever. */
  public static Config tune(Config base, int maxConcurrentRequests) {
    return new ConfigBuilder(base)
        .withMaxConcurrentRequests(maxConcurrentRequests)
        .withMaxConcurrentRequestsPerHost(maxConcurrentRequests)
        .withRequestTimeout(30_000)
        .withConnectionTimeout(10_000)
        .withWatchReconnectLimit(-1)
        .build();
  }

  public static KubernetesClient create(Config config) {
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new NativeTlsHttpClientFactory(NativeTlsHttpClientFactory.http2Wanted(config))).build();
  }
}
