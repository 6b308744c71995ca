package ai.litellm.operator.kube;

import ai.litellm.operator.api.SharingSerialization;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the fabric8 client. fabric8 gets a Vert.x of its own ({@link #newClientVertx}, or one its factory creates):
 * informer and watch I/O stay off the operator's event loops, and no operator context can ever be the one a blocking
 * fabric8 call waits on.
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
    return create(config, null);
  }

  /**
   * As {@link #create(Config)}, on {@code clientVertx} ({@link #newClientVertx()}), which the caller closes after the
   * client; null: a Vert.x fabric8 makes and closes itself, with two event loops per core.
   */
  public static KubernetesClient create(Config config, Vertx clientVertx) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withUserAgent(userAgent(config)).build())
        .withKubernetesSerialization(SharingSerialization.instance())
        .withHttpClientFactory(new NativeTlsHttpClientFactory(NativeTlsHttpClientFactory.http2Wanted(config),
            clientVertx)).build();
  }

  /**
   * Event loops of the client's Vert.x: one per two cores. fabric8's default (two per core, beside the operator's own
   * two per core) spread the client's connections and the contexts of its requests over loops of their own, so a
   * response was handed from loop to loop before it reached the operator: on 2 cores the wake-ups of idle loops fell
   * from 4.6 % to 2.9 % of the operator's CPU with one loop (docs/performance.md, "Operator CPU, thirteenth session").
   */
  static final int CLIENT_EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /**
   * A Vert.x for the operator's client, made as fabric8's factory makes its own (daemon threads, no file caching, the
   * JDK's name resolver) but with {@link #CLIENT_EVENT_LOOPS} event loops. Not the operator's Vert.x: a blocking fabric8
   * call on a context of the Vert.x it runs on would deadlock (docs/architecture.md).
   */
  public static Vertx newClientVertx() {
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS).setUseDaemonThread(true)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    String dns = System.getProperty(DISABLE_DNS_RESOLVER);
    System.setProperty(DISABLE_DNS_RESOLVER, "true");
    try {
      return Vertx.vertx(options);
    } finally {
      if (dns == null) {
        System.clearProperty(DISABLE_DNS_RESOLVER);
      } else {
        System.setProperty(DISABLE_DNS_RESOLVER, dns);
      }
    }
  }

  private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";
}
