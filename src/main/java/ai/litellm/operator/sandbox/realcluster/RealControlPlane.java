package ai.litellm.operator.sandbox.realcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, loopback-only Kubernetes v1.20.2 control plane: etcd, kube-apiserver and optionally
 * kube-controller-manager as child processes with throw-away PKI, on free ports, in a private run directory.
 * Used by the real-cluster test tier, by {@code litellm-operator sandbox} and by the benchmarks' {@code
 * --real-control-plane}.
 *
 * <p>All methods block (process start, HTTP polling, fabric8 calls): never call them on a Vert.x event loop or on a
 * context of the Vert.x that a fabric8 client uses.
 *
 * <pre>{@code
 * try (RealControlPlane cp = RealControlPlane.start(RealControlPlaneOptions.defaults());
 *     KubernetesClient client = new KubernetesClientBuilder().withConfig(cp.adminConfig()).build()) {
 *   ...
 * }
 * }</pre>
 */
public final class RealControlPlane implements AutoCloseable {

  static final String LOGS_DIR_NAME = "logs";
  private static final Logger LOG = LoggerFactory.getLogger(RealControlPlane.class);
  /** The reference recipe: SIGTERM, then SIGKILL whatever is still alive after 2 s. */
  private static final long STOP_GRACE_MILLIS = 2_000;
  /** Room for fleets of 100k objects; etcd's 2 GiB default raises a NOSPACE alarm under benches. */
  private static final String ETCD_QUOTA_BYTES = String.valueOf(8L * 1024 * 1024 * 1024);
  private static final Duration SERVICE_ACCOUNT_TOKEN_LIFETIME = Duration.ofHours(24);
  private static final String ETCD = "etcd";
  private static final String KUBE_APISERVER = "kube-apiserver";
  /** A key outside {@code /registry}: no API server watch sees it, so writing it only advances etcd's revision. */
  private static final String COMPACTION_MARKER_KEY = "/real-control-plane/compaction-marker";

  private final RealControlPlaneOptions options;
  private final Path runDir;
  private final ControlPlanePki pki;
  private final String apiServerUrl;
  private final Path kubeconfig;
  private final List<ManagedProcess> processes = new ArrayList<>(); // in start order
  /** Each component's command line, to start it again after a fault test stopped it. */
  private final Map<String, List<String>> commands = new HashMap<>();
  private ReadinessProbe probe;
  private String etcdUrl;
  private final Thread shutdownHook;
  private Duration startupDuration = Duration.ZERO;
  private boolean stopped;
  private boolean closed;

  private RealControlPlane(RealControlPlaneOptions options, Path runDir, ControlPlanePki pki, int apiServerPort) {
    this.options = options;
    this.runDir = runDir;
    this.pki = pki;
    this.apiServerUrl = "https://127.0.0.1:" + apiServerPort;
    this.kubeconfig = runDir.resolve("kubeconfig");
    this.shutdownHook = new Thread(this::closeOnJvmExit, "real-control-plane-shutdown");
  }

  /**
   * Starts a control plane and returns once it is ready: apiserver {@code /readyz} is ok and, with the
   * controller-manager, its {@code /healthz} is ok and ServiceAccount {@code default/default} exists.
   *
   * @throws RealControlPlaneException when the binaries are missing (run {@link #provision()})
   * @throws ControlPlaneStartException when a component fails or is not ready within the start timeout
   */
  public static RealControlPlane start(RealControlPlaneOptions opts) {
    ControlPlaneBinaries lookup = ControlPlaneBinaries.fromEnvironment();
    Path binDir =
        lookup
            .findBinDir(opts.binDir())
            .orElseThrow(
                () ->
                    new RealControlPlaneException(
                        "kube-apiserver/kube-controller-manager " + ControlPlaneBinaries.KUBERNETES_VERSION
                            + " not found (looked in " + opts.binDir().orElse(lookup.cacheBinDir())
                            + "); provision them with: bash src/main/resources/control-plane/provision.sh"));
    Path etcd =
        lookup
            .findEtcd(opts.etcdBinary())
            .orElseThrow(
                () -> new RealControlPlaneException(
                    "etcd not found; install Debian etcd-server or run src/main/resources/control-plane/provision.sh"));

    Instant began = Instant.now();
    Path runDir;
    try {
      Path parent = opts.runDirParent().orElse(Path.of(System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      runDir = Files.createTempDirectory(parent, "litellm-cp-");
    } catch (IOException e) {
      throw new RealControlPlaneException("cannot create run directory", e);
    }

    RealControlPlane cp = null;
    try {
      ControlPlanePki pki = ControlPlanePki.create(runDir.resolve("pki"));
      int[] ports = LoopbackPorts.allocate(5);
      if (opts.apiServerPort() != 0) {
        ports[3] = opts.apiServerPort(); // a port the user chose (the sandbox's --api-port)
      }
      cp = new RealControlPlane(opts, runDir, pki, ports[3]);
      Runtime.getRuntime().addShutdownHook(cp.shutdownHook);
      cp.launch(binDir, etcd, ports, began.plus(opts.startTimeout()));
      cp.startupDuration = Duration.between(began, Instant.now());
      LOG.info(
          "real control plane {} ready at {} in {} ms (controller-manager: {}, run dir {})",
          ControlPlaneBinaries.KUBERNETES_VERSION, cp.apiServerUrl, cp.startupDuration.toMillis(),
          opts.withControllerManager(), runDir);
      return cp;
    } catch (RuntimeException | IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (cp != null) {
        cp.stopQuietly();
        cp.removeShutdownHook();
      }
      throw new ControlPlaneStartException("real control plane failed to start: " + e.getMessage(), runDir, e);
    }
  }

  /** Whether the binaries (and etcd) needed by {@link #start} are available; the bin dir if so. */
  public static Optional<Path> binaries() {
    ControlPlaneBinaries lookup = ControlPlaneBinaries.fromEnvironment();
    return lookup.findEtcd(Optional.empty()).isPresent() ? lookup.findBinDir(Optional.empty()) : Optional.empty();
  }

  /**
   * Runs the bundled provision script (idempotent: a warm cache returns in about a second, a cold one builds for
   * minutes and needs root for apt) and returns the bin dir.
   */
  public static Path provision() {
    return ControlPlaneBinaries.fromEnvironment().provision();
  }

  private void launch(Path binDir, Path etcd, int[] ports, Instant deadline) throws IOException {
    int etcdClient = ports[0];
    int etcdPeer = ports[1];
    int etcdMetrics = ports[2];
    int apiServer = ports[3];
    int controllerManager = ports[4];
    Path logs = logsDir();
    Files.createDirectories(logs);
    probe = new ReadinessProbe(pki.caCert);

    etcdUrl = "http://127.0.0.1:" + etcdClient;
    String peerUrl = "http://127.0.0.1:" + etcdPeer;
    commands.put(ETCD, List.of(
        etcd.toString(),
        "--name", "t",
        "--data-dir", runDir.resolve("etcd-data").toString(),
        "--listen-client-urls", etcdUrl,
        "--advertise-client-urls", etcdUrl,
        "--listen-peer-urls", peerUrl,
        "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "t=" + peerUrl,
        "--listen-metrics-urls", "http://127.0.0.1:" + etcdMetrics,
        "--quota-backend-bytes", ETCD_QUOTA_BYTES));
    processes.add(launchComponent(ETCD));
    awaitEtcd(deadline);

    KubeconfigWriter.writeTokenKubeconfig(kubeconfig, apiServerUrl, pki.caCert, pki.adminToken);
    List<String> apiServerArgs =
        new ArrayList<>(
            List.of(
                binDir.resolve(ControlPlaneBinaries.KUBE_APISERVER).toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiServer,
                "--insecure-port=0",
                "--tls-cert-file=" + pki.servingCert,
                "--tls-private-key-file=" + pki.servingKey,
                "--client-ca-file=" + pki.caCert,
                "--token-auth-file=" + pki.tokenFile,
                "--authorization-mode=Node,RBAC",
                "--service-account-key-file=" + pki.saPub,
                "--service-account-signing-key-file=" + pki.saKey,
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-cluster-ip-range=10.0.0.0/24",
                "--allow-privileged=true",
                "--cert-dir=" + runDir.resolve("certs")));
    if (!options.withControllerManager()) {
      // Nobody creates the default ServiceAccount, so the admission plugin would reject every Pod.
      apiServerArgs.add("--disable-admission-plugins=ServiceAccount");
    }
    commands.put(KUBE_APISERVER, List.copyOf(apiServerArgs));
    processes.add(launchComponent(KUBE_APISERVER));
    awaitApiServer(deadline);

    if (options.withControllerManager()) {
      Path kcmKubeconfig = runDir.resolve("kube-controller-manager.kubeconfig");
      KubeconfigWriter.writeClientCertKubeconfig(kcmKubeconfig, apiServerUrl, pki.caCert, pki.adminCert, pki.adminKey);
      processes.add(
          ManagedProcess.start(
              "kube-controller-manager",
              List.of(
                  binDir.resolve(ControlPlaneBinaries.KUBE_CONTROLLER_MANAGER).toString(),
                  "--kubeconfig=" + kcmKubeconfig,
                  "--authentication-kubeconfig=" + kcmKubeconfig,
                  "--authorization-kubeconfig=" + kcmKubeconfig,
                  "--bind-address=127.0.0.1",
                  "--secure-port=" + controllerManager,
                  "--port=0",
                  // Serve with our CA-signed loopback certificate so the probe can verify it like the apiserver's.
                  "--tls-cert-file=" + pki.servingCert,
                  "--tls-private-key-file=" + pki.servingKey,
                  "--leader-elect=false",
                  "--service-account-private-key-file=" + pki.saKey,
                  "--root-ca-file=" + pki.caCert,
                  "--cluster-signing-cert-file=" + pki.caCert,
                  "--cluster-signing-key-file=" + pki.caKey,
                  "--use-service-account-credentials=true",
                  // Namespace deletion at the bench's scale (1,000 namespaces a round): each namespace costs the
                  // namespace controller a discovery plus a delete-collection and a list per namespaced resource
                  // (about 130 requests), so the defaults (20 requests/s, 10 namespaces at once), and still 300/s,
                  // make the controller-manager's client limit, not the API server, the bottleneck.
                  "--kube-api-qps=2000",
                  "--kube-api-burst=4000",
                  "--concurrent-namespace-syncs=50",
                  "--cert-dir=" + runDir.resolve("kcm-certs")),
              runDir,
              logs.resolve("kube-controller-manager.log")));
      probe.await("kube-controller-manager", URI.create("https://127.0.0.1:" + controllerManager + "/healthz"), null,
          "ok"::equals, deadline, List.copyOf(processes));
      probe.await("ServiceAccount default/default",
          URI.create(apiServerUrl + "/api/v1/namespaces/default/serviceaccounts/default"), pki.adminToken,
          body -> true, deadline, List.copyOf(processes));
    }
  }

  private ManagedProcess launchComponent(String name) throws IOException {
    return ManagedProcess.start(name, commands.get(name), runDir, logsDir().resolve(name + ".log"));
  }

  private void awaitEtcd(Instant deadline) {
    probe.await(ETCD, URI.create(etcdUrl + "/health"), null, body -> body.contains("\"true\""), deadline,
        List.copyOf(processes));
  }

  private void awaitApiServer(Instant deadline) {
    probe.await(KUBE_APISERVER, URI.create(apiServerUrl + "/readyz"), pki.adminToken, "ok"::equals, deadline,
        List.copyOf(processes));
  }

  /**
   * Stops kube-apiserver alone (SIGTERM, SIGKILL after 2 s), for fault tests: clients get "connection refused" until
   * {@link #startApiServer()}; etcd keeps running and keeps the data.
   */
  public void stopApiServer() {
    synchronized (this) {
      requireRunning();
      component(KUBE_APISERVER).stop(STOP_GRACE_MILLIS);
    }
  }

  /**
   * Starts kube-apiserver again after {@link #stopApiServer()}, with the same flags on the same port, and returns once
   * its {@code /readyz} is ok. Its watch cache starts empty: clients that watch from an older resourceVersion get
   * 410 Gone and list again, as after any API server restart.
   */
  public void startApiServer() {
    relaunch(KUBE_APISERVER);
    awaitApiServer(Instant.now().plus(options.startTimeout()));
  }

  /**
   * Expires the API server's watches the way a compacted etcd does, while kube-apiserver keeps running: with it frozen
   * (SIGSTOP, so no write moves a watch forward) two marker writes advance etcd's revision, etcd is compacted at the
   * second and restarted on its data, and kube-apiserver is thawed. Every watch it holds on etcd then resumes from a
   * compacted revision ("mvcc: required revision has been compacted"); its watch caches list again and end their
   * clients' watches, and a client that watches again from the resourceVersion it had gets 410 Gone ("too old
   * resource version") and must list again. Requests made meanwhile wait (the frozen server) or fail (etcd down)
   * for a few seconds.
   *
   * @return the revision etcd was compacted at
   */
  public long expireWatchesByCompaction() {
    ManagedProcess apiServer;
    synchronized (this) {
      requireRunning();
      apiServer = component(KUBE_APISERVER);
    }
    EtcdAdmin etcd = new EtcdAdmin(URI.create(etcdUrl));
    apiServer.signal("STOP");
    try {
      // A watch resumes after the last revision it saw; it must be older than the compaction, hence two writes.
      etcd.put(COMPACTION_MARKER_KEY, "1");
      long revision = etcd.put(COMPACTION_MARKER_KEY, "2");
      etcd.compact(revision);
      synchronized (this) {
        component(ETCD).stop(STOP_GRACE_MILLIS);
      }
      relaunch(ETCD);
      awaitEtcd(Instant.now().plus(options.startTimeout()));
      LOG.info("etcd compacted at revision {} and restarted under a frozen kube-apiserver", revision);
      return revision;
    } finally {
      apiServer.signal("CONT");
    }
  }

  private ManagedProcess component(String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no component " + name));
  }

  /** Starts a stopped component again in its place (so {@link #stop()} still stops in reverse start order). */
  private void relaunch(String name) {
    synchronized (this) {
      requireRunning();
      ManagedProcess old = component(name);
      if (old.isAlive()) {
        throw new IllegalStateException(name + " is running");
      }
      try {
        processes.set(processes.indexOf(old), launchComponent(name));
      } catch (IOException e) {
        throw new RealControlPlaneException("cannot start " + name + " again: " + e.getMessage(), e);
      }
    }
  }

  private void requireRunning() {
    if (stopped) {
      throw new IllegalStateException("the control plane was stopped");
    }
  }

  /** Kubeconfig (token user, CA embedded, namespace default) usable by kubectl and any client. */
  public Path kubeconfigPath() {
    return kubeconfig;
  }

  /** {@code https://127.0.0.1:<port>}. */
  public String apiServerUrl() {
    return apiServerUrl;
  }

  /** Bearer token of user {@code admin} in group {@code system:masters}. Treat as a secret: never log it. */
  public String adminToken() {
    return pki.adminToken;
  }

  /** Path of the run's CA certificate (PEM). */
  public Path caCertPath() {
    return pki.caCert;
  }

  /** A fabric8 config for the admin user that ignores ~/.kube/config and KUBECONFIG. */
  public Config adminConfig() {
    return tokenConfig(pki.adminToken, "default");
  }

  /**
   * A fabric8 config authenticating as ServiceAccount {@code ns/name}, for RBAC tests. Creates the namespace and
   * ServiceAccount when missing and mints a 24 h bound token with the TokenRequest API (works with or without the
   * controller-manager). The account has no permissions until the caller binds a role.
   */
  public Config configForServiceAccount(String ns, String name) {
    try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(adminConfig()).build()) {
      if (admin.namespaces().withName(ns).get() == null) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      if (admin.serviceAccounts().inNamespace(ns).withName(name).get() == null) {
        admin.serviceAccounts().inNamespace(ns)
            .resource(new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
      TokenRequest issued =
          admin.serviceAccounts().inNamespace(ns).withName(name)
              .tokenRequest(new TokenRequestBuilder()
                  .withNewSpec().withExpirationSeconds(SERVICE_ACCOUNT_TOKEN_LIFETIME.toSeconds()).endSpec()
                  .build());
      if (issued == null || issued.getStatus() == null || issued.getStatus().getToken() == null) {
        throw new RealControlPlaneException("TokenRequest for ServiceAccount " + ns + "/" + name + " returned no token");
      }
      return tokenConfig(issued.getStatus().getToken(), ns);
    }
  }

  private Config tokenConfig(String token, String namespace) {
    // Config.empty(): no auto-configuration from the developer's kubeconfig, env or in-cluster files.
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(apiServerUrl)
        .withCaCertFile(pki.caCert.toString())
        .withOauthToken(token)
        .withNamespace(namespace)
        .build();
  }

  public Path runDir() {
    return runDir;
  }

  /** Holds {@code etcd.log}, {@code kube-apiserver.log} and {@code kube-controller-manager.log}. */
  public Path logsDir() {
    return runDir.resolve(LOGS_DIR_NAME);
  }

  public boolean hasControllerManager() {
    return options.withControllerManager();
  }

  /** Wall time from {@link #start} until ready. */
  public Duration startupDuration() {
    return startupDuration;
  }

  /** Whether every component process is still running. */
  public boolean isRunning() {
    synchronized (this) {
      return !stopped && processes.stream().allMatch(ManagedProcess::isAlive);
    }
  }

  /**
   * Stops the processes (SIGTERM in order kube-controller-manager, kube-apiserver, etcd; SIGKILL after 2 s) but keeps
   * the run directory so logs can still be copied. Idempotent.
   */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      for (int i = processes.size() - 1; i >= 0; i--) {
        processes.get(i).stop(STOP_GRACE_MILLIS);
      }
    }
  }

  /** {@link #stop()}, then deletes the run directory unless {@code keepRunDir}. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stop();
    removeShutdownHook();
    if (!options.keepRunDir()) {
      try {
        RunDirs.deleteRecursively(runDir);
      } catch (IOException e) {
        LOG.warn("could not delete run dir {}: {}", runDir, e.toString());
      }
    }
  }

  /**
   * Shutdown hook: no process may outlive the JVM and no run dir should litter /tmp. Runs once with {@link #close()}:
   * whichever comes first does the work (the two would otherwise delete the same tree at the same time on Ctrl-C).
   */
  private void closeOnJvmExit() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopQuietly();
    if (!options.keepRunDir()) {
      try {
        RunDirs.deleteRecursively(runDir);
      } catch (IOException | RuntimeException e) {
        // best effort while the JVM exits
      }
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the real control plane failed: {}", e.toString());
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to: it performs the same stop
    }
  }
}
