package ai.litellm.operator.kube;

import ai.litellm.operator.api.SharingSerialization;
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
  /** The first part of fabric8's default User-Agent. */
  private static final String FABRIC8_USER_AGENT = "fabric8-kubernetes-client/";

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

  /**
   * The operator's User-Agent: "litellm-operator/VERSION", unless one was configured (fabric8's
   * {@code kubernetes.user.agent} / {@code KUBERNETES_USER_AGENT}). The API server files every write made without a
   * field manager (the finalizer and status patches) under the User-Agent's first part, so a Model's managedFields say
   * the operator owns its finalizer and status; under fabric8's default ("fabric8-kubernetes-client/...") they were
   * filed with any other fabric8-based writer of the Model, often its author. Audit logs name the operator too.
   */
  static String userAgent(Config config) {
    String configured = config.getUserAgent();
    if (configured != null && !configured.isBlank() && !configured.startsWith(FABRIC8_USER_AGENT)) {
      return configured;
    }
    String version = KubeClients.class.getPackage().getImplementationVersion();
    return ServerSideApplier.FIELD_MANAGER + "/" + (version == null ? "dev" : version);
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

  /**
   * The operator's client: {@code config} as given, under the operator's User-Agent ({@link #userAgent}), decoding with
   * the operator's shared mapping ({@link ai.litellm.operator.api.SharingSerialization}).
   */
  public static KubernetesClient create(Config config) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withUserAgent(userAgent(config)).build())
        .withKubernetesSerialization(SharingSerialization.instance())
        .withHttpClientFactory(new NativeTlsHttpClientFactory(NativeTlsHttpClientFactory.http2Wanted(config))).build();
  }
}
