package ai.litellm.operator.sandbox;

import ai.litellm.operator.kube.CrdManifests;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.realcluster.ControlPlaneBinaries;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sandbox.realcluster.RealControlPlaneOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The API server of a sandbox: a real kube-apiserver + etcd + kube-controller-manager started for it (what a cluster
 * validates, defaults, prunes, garbage-collects and answers to kubectl), or the embedded fabric8 mock in this JVM (no
 * binaries needed, starts in a second; admits custom resources by their schema but approximates the rest: see
 * apiserver/DESIGN.md). Either way the CRDs are installed.
 */
public final class SandboxCluster implements AutoCloseable {
  /** Which API server to start. */
  public enum Choice {
    /** The real one when its binaries are provisioned, else the embedded one (with a notice). */
    AUTO,
    REAL_CONTROL_PLANE,
    EMBEDDED
  }

  private static final Duration CRDS_ESTABLISHED = Duration.ofMinutes(2);

  private final EmbeddedApiServer embedded;
  private final RealControlPlane real;

  private SandboxCluster(EmbeddedApiServer embedded, RealControlPlane real) {
    this.embedded = embedded;
    this.real = real;
  }

  /**
   * Starts the chosen API server with the CRDs installed. Blocks (a real control plane takes 10-60 s).
   *
   * @param apiPort the API server's port on 127.0.0.1 (0: any free port)
   * @param say told, one line at a time, what starts, and when AUTO falls back to the embedded server, how to get
   *     the real one
   * @throws ai.litellm.operator.sandbox.realcluster.RealControlPlaneException when the real control plane is asked
   *     for but not provisioned, or fails to start
   */
  public static SandboxCluster start(Choice choice, int apiPort, Consumer<String> say) {
    boolean real = switch (choice) {
      case REAL_CONTROL_PLANE -> true;
      case EMBEDDED -> false;
      case AUTO -> RealControlPlane.binaries().isPresent();
    };
    if (choice == Choice.AUTO && !real) {
      say.accept("notice: no kube-apiserver " + ControlPlaneBinaries.KUBERNETES_VERSION + " + etcd provisioned "
          + "(looked in " + ControlPlaneBinaries.fromEnvironment().cacheBinDir() + "), so the embedded API server runs "
          + "(no garbage collection or namespace deletion, no kubectl get -w); for a real one: "
          + "bash src/main/resources/control-plane/provision.sh");
    }
    if (real) {
      say.accept("starting a real kube-apiserver " + ControlPlaneBinaries.KUBERNETES_VERSION
          + " + etcd + kube-controller-manager (10-60 s; --embedded starts at once)");
    }
    return real ? startReal(apiPort) : embedded(apiPort);
  }

  /** The embedded API server with the CRDs. */
  public static SandboxCluster embedded(int apiPort) {
    return embedded(EmbeddedApiServerOptions.defaults().withPort(apiPort));
  }

  /** The embedded API server with the CRDs, started with {@code options} (tests: without schema admission). */
  public static SandboxCluster embedded(EmbeddedApiServerOptions options) {
    return new SandboxCluster(EmbeddedApiServer.start(options.withCrdsInstalled(true)), null);
  }

  private static SandboxCluster startReal(int apiPort) {
    RealControlPlane cp = RealControlPlane.start(RealControlPlaneOptions.builder().withControllerManager(true)
        .apiServerPort(apiPort).build());
    try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(cp.adminConfig()).build()) {
      CrdManifests.install(admin, CRDS_ESTABLISHED);
      return new SandboxCluster(null, cp);
    } catch (RuntimeException e) {
      cp.close();
      throw e;
    }
  }

  public boolean isReal() {
    return real != null;
  }

  /** Base URL of the API server. */
  public String url() {
    return real != null ? real.apiServerUrl() : embedded.url();
  }

  /** What runs, for the sandbox's banner. */
  public String description() {
    return real != null
        ? "real kube-apiserver " + ControlPlaneBinaries.KUBERNETES_VERSION
            + " + etcd + kube-controller-manager; no scheduler or kubelet: the sandbox marks the operator's pods Ready"
        : "embedded: the fabric8 mock in this JVM, which validates custom resources but does no garbage collection "
            + "or namespace deletion";
  }

  /** The real control plane's run directory (PKI, etcd data, logs), removed on close. */
  public Optional<Path> runDir() {
    return real == null ? Optional.empty() : Optional.of(real.runDir());
  }

  /** A fabric8 config for an admin client (ignores ~/.kube/config and the environment). */
  public Config clientConfig() {
    return real != null ? real.adminConfig() : embedded.clientConfig();
  }

  /**
   * Writes a kubeconfig for kubectl (admin, current context, namespace default) and returns the path. A real control
   * plane's carries its admin token, so it is readable by its owner only.
   */
  public Path writeKubeconfig(Path file) throws IOException {
    if (real == null) {
      return embedded.writeKubeconfig(file);
    }
    Path parent = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(parent, ".kubeconfig-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, Files.readAllBytes(real.kubeconfigPath())); // into the owner-only file
    return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Starts what plays the kubelet for the operator's Deployments: on a real control plane the Deployment controller
   * runs and counts Ready Pods; on the embedded server nothing does, so the Deployment status itself is reported.
   */
  StandInKubelet startKubelet(KubernetesClient client) {
    return real != null ? new PodReadinessSimulator(client).start() : new DeploymentSimulator(client, 200).start();
  }

  @Override
  public void close() {
    if (real != null) {
      real.close();
    } else {
      embedded.close();
    }
  }
}
