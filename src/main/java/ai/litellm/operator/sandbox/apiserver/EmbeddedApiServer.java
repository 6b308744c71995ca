package ai.litellm.operator.sandbox.apiserver;

import ai.litellm.operator.kube.CrdManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process Kubernetes API server for the sandbox, benchmarks and the fast integration tests: the fabric8 mock in
 * CRUD mode on a loopback port (plain HTTP), with a dispatcher that adds discovery, server-side apply, strategic merge
 * patch and server-side table printing so that fabric8 clients and kubectl both work against it. Not a real API
 * server: see DESIGN.md in this package for what is approximated.
 *
 * <p>Thread-safety: all methods may be called from any thread; none may be called on an event loop (they block).
 */
public final class EmbeddedApiServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedApiServer.class.getName());
  private static final String DEFAULT_NAMESPACE = "default";

  private final KubernetesMockServer server;
  private final ClusterLikeDispatcher dispatcher;
  private final EmbeddedApiServerOptions options;
  private final String url;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private boolean closed;

  private EmbeddedApiServer(KubernetesMockServer server, ClusterLikeDispatcher dispatcher,
      EmbeddedApiServerOptions options) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.options = options;
    this.url = "http://127.0.0.1:" + server.getPort();
  }

  /** Starts the server on the loopback interface; with {@code withCrdsInstalled(true)} the CRDs are created too. */
  public static EmbeddedApiServer start(EmbeddedApiServerOptions options) {
    MockServerLogging.quiet();
    ClusterLikeDispatcher dispatcher = new ClusterLikeDispatcher(options.schemaAdmission());
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), options.port());
    EmbeddedApiServer api = new EmbeddedApiServer(server, dispatcher, options);
    // Every cluster has these; the operator derives its install id from kube-system's uid.
    api.preload(List.of(namespace(DEFAULT_NAMESPACE), namespace("kube-system")));
    if (options.installCrds()) {
      try {
        api.installCrds();
      } catch (RuntimeException e) {
        api.close();
        throw e;
      }
    }
    return api;
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
        .build();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:43121} (no trailing slash). */
  public String url() {
    return url;
  }

  public int port() {
    return server.getPort();
  }

  /** A fabric8 Config for this server that ignores ~/.kube/config and the environment; namespace "default". */
  public Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace(DEFAULT_NAMESPACE)
        .withOauthToken(KubeconfigWriter.TOKEN)
        .withHttp2Disable(true)
        .build();
  }

  /**
   * A new client on its own Vert.x (fabric8's default factory), so blocking calls on it can never deadlock an
   * application Vert.x. The caller closes it.
   */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(clientConfig()).build();
  }

  /** Writes a kubeconfig with this server as current context (namespace "default") and returns the path. */
  public Path writeKubeconfig(Path file) throws IOException {
    return KubeconfigWriter.write(file, url, DEFAULT_NAMESPACE);
  }

  /** Creates (or updates) the operator's CRDs (kube.CrdManifests); idempotent. */
  public void installCrds() {
    try (KubernetesClient client = newClient()) {
      // Not CrdManifests.install: the fabric8 mock reports no Established condition to wait for.
      for (CustomResourceDefinition crd : CrdManifests.definitions()) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
      }
    }
  }

  /**
   * Puts objects straight into the store, without HTTP and without the mock's per-request store scan (50k objects
   * in seconds instead of many minutes). Objects get uid, creationTimestamp, resourceVersion and generation; a
   * namespaced object without namespace goes to "default". No watch events are emitted: preload before starting
   * informers or operators. The objects must not exist yet. Their kinds must be served (CRDs installed first).
   *
   * @return the number of objects stored
   */
  public int preload(List<? extends HasMetadata> objects) {
    List<ObjectNode> nodes = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      nodes.add((ObjectNode) JsonResponses.MAPPER.readTree(serialization.asJson(object)));
    }
    return dispatcher.preload(nodes);
  }

  /** Number of stored objects of all kinds, CRDs included. */
  public int objectCount() {
    return dispatcher.objectCount();
  }

  /**
   * Stops the server. Waits at most the configured shutdown timeout: the mock can hang stopping after a watch over a
   * very large list was closed, and the caller (a sandbox exiting, a test) must not hang with it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread stopper = new Thread(server::destroy, "embedded-apiserver-shutdown");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(TimeUnit.MILLISECONDS.convert(options.shutdownTimeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      LOG.log(Level.WARNING, "embedded API server on port {0} did not stop within {1}; leaving it to exit with the JVM",
          new Object[] {server.getPort(), options.shutdownTimeout()});
    }
  }
}
