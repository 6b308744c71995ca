package ai.litellm.operator.sandbox;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything on this machine: an API server with the CRDs ({@link SandboxCluster}: a real control plane or the
 * embedded one), a fake LiteLLM proxy per LiteLLMInstance, a stand-in kubelet for the operator's Deployments, and the
 * operator wired to all of them. Used by `litellm-operator sandbox`, by the benchmark and by the fast integration
 * tests.
 */
public final class Sandbox implements AutoCloseable {
  private final SandboxCluster cluster;
  private final KubernetesClient client;
  private final Vertx proxyVertx;
  private final FakeProxyFleet proxies;
  private final StandInKubelet kubelet;
  private final OperatorProcess operator;

  private Sandbox(SandboxCluster cluster, KubernetesClient client, Vertx proxyVertx, FakeProxyFleet proxies,
      StandInKubelet kubelet, OperatorProcess operator) {
    this.cluster = cluster;
    this.client = client;
    this.proxyVertx = proxyVertx;
    this.proxies = proxies;
    this.kubelet = kubelet;
    this.operator = operator;
  }

  /** Starts a sandbox on the embedded API server; {@code proxyTemplate} shapes each fake proxy (latency, faults). */
  public static Sandbox start(OperatorConfig cfg, int apiPort, Supplier<FakeLiteLLMOptions> proxyTemplate) {
    return start(cfg, SandboxCluster.embedded(apiPort), proxyTemplate);
  }

  /**
   * Starts a sandbox on {@code cluster}, which it then owns (closes). The fake proxies answer for the instances the
   * way their Deployments say (InstanceEndpoints.servedByDeployment): the stand-in kubelet makes those available.
   */
  public static Sandbox start(OperatorConfig cfg, SandboxCluster cluster, Supplier<FakeLiteLLMOptions> proxyTemplate) {
    Vertx proxyVertx = Vertx.vertx();
    FakeProxyFleet proxies = new FakeProxyFleet(proxyVertx, proxyTemplate);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(cluster.clientConfig()).build();
    StandInKubelet kubelet = null;
    try {
      kubelet = cluster.startKubelet(client);
      OperatorProcess op = OperatorProcess.start(cfg, cluster.clientConfig(), proxies);
      return new Sandbox(cluster, client, proxyVertx, proxies, kubelet, op);
    } catch (RuntimeException e) {
      if (kubelet != null) {
        kubelet.close();
      }
      client.close();
      proxyVertx.close();
      cluster.close();
      throw e;
    }
  }

  public static Sandbox start(OperatorConfig cfg) {
    return start(cfg, 0, FakeLiteLLMOptions::new);
  }

  /** Applies every YAML document of every .yaml/.yml file in {@code dir} (sorted), creating missing namespaces. */
  public List<HasMetadata> applyDirectory(Path dir) throws IOException {
    List<HasMetadata> applied = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        for (HasMetadata obj : client.load(in).items()) {
          ensureNamespace(obj.getMetadata().getNamespace());
          applied.add(apply(obj));
        }
      }
    }
    return applied;
  }

  /** Create or update; custom kinds arrive as generic resources and go through the generic DSL. */
  private HasMetadata apply(HasMetadata obj) {
    if (obj instanceof GenericKubernetesResource g) {
      var ops = client.genericKubernetesResources(g.getApiVersion(), g.getKind());
      var target = g.getMetadata().getNamespace() == null ? ops.resource(g)
          : ops.inNamespace(g.getMetadata().getNamespace()).resource(g);
      return target.createOr(existing -> existing.update());
    }
    return client.resource(obj).createOr(existing -> existing.update());
  }

  private void ensureNamespace(String ns) {
    if (ns != null && client.namespaces().withName(ns).get() == null) {
      Namespace n = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build();
      client.namespaces().resource(n).create();
    }
  }

  /** An extra fake proxy, not tied to an instance, for Models that connect through a url/masterkey Secret. */
  public String startStandaloneProxy(int port, String masterKey) {
    try {
      return ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM.start(proxyVertx,
              new FakeLiteLLMOptions().port(port).masterKey(masterKey))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).baseUrl();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the standalone fake LiteLLM proxy: " + e.getMessage(), e);
    }
  }

  /** The API server (its URL, a kubeconfig, a client config). */
  public SandboxCluster apiServer() {
    return cluster;
  }

  /** A client for the sandbox's API server (separate from the operator's). */
  public KubernetesClient client() {
    return client;
  }

  /** The stand-in kubelet (pause it to hold Deployments unavailable). */
  public StandInKubelet kubelet() {
    return kubelet;
  }

  public FakeProxyFleet proxies() {
    return proxies;
  }

  public OperatorProcess operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.close();
    kubelet.close();
    try {
      proxies.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
    proxyVertx.close();
    client.close();
    cluster.close();
  }
}
