package ai.litellm.operator.sandbox;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * Everything on this machine: the embedded API server with the CRDs, a fake LiteLLM proxy per LiteLLMInstance, a
 * stand-in kubelet for Deployments, and the operator wired to all of them. Used by `litellm-operator sandbox`, by the
 * benchmark and by the fast integration tests.
 */
public final class Sandbox implements AutoCloseable {
  private final EmbeddedApiServer apiServer;
  private final KubernetesClient client;
  private final Vertx proxyVertx;
  private final FakeProxyFleet proxies;
  private final DeploymentSimulator kubelet;
  private final OperatorProcess operator;

  private Sandbox(EmbeddedApiServer apiServer, KubernetesClient client, Vertx proxyVertx, FakeProxyFleet proxies,
      DeploymentSimulator kubelet, OperatorProcess operator) {
    this.apiServer = apiServer;
    this.client = client;
    this.proxyVertx = proxyVertx;
    this.proxies = proxies;
    this.kubelet = kubelet;
    this.operator = operator;
  }

  /** Starts a sandbox; {@code proxyTemplate} shapes each fake proxy (latency, faults). */
  public static Sandbox start(OperatorConfig cfg, int apiPort, Supplier<FakeLiteLLMOptions> proxyTemplate) {
    EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withPort(apiPort)
        .withCrdsInstalled(true));
    Vertx proxyVertx = Vertx.vertx();
    FakeProxyFleet proxies = new FakeProxyFleet(proxyVertx, proxyTemplate);
    KubernetesClient client = api.newClient();
    DeploymentSimulator kubelet = new DeploymentSimulator(client, 200).start();
    try {
      OperatorProcess op = OperatorProcess.start(cfg, api.clientConfig(), proxies);
      return new Sandbox(api, client, proxyVertx, proxies, kubelet, op);
    } catch (RuntimeException e) {
      kubelet.close();
      client.close();
      proxyVertx.close();
      api.close();
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

  public EmbeddedApiServer apiServer() {
    return apiServer;
  }

  /** A client for the sandbox's API server (separate from the operator's). */
  public KubernetesClient client() {
    return client;
  }

  /** The stand-in kubelet (pause it to hold Deployments unavailable). */
  public DeploymentSimulator kubelet() {
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
    apiServer.close();
  }
}
