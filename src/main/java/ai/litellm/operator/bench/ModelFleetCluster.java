package ai.litellm.operator.bench;

import ai.litellm.operator.kube.CrdManifests;
import ai.litellm.operator.kube.KubeClients;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.realcluster.ControlPlaneBinaries;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sandbox.realcluster.RealControlPlaneOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The API server a run talks to: the embedded mock (in this JVM), a real control plane started for the run (separate
 * processes, through the same fixture code as the real-cluster test tier) or any cluster from a kubeconfig.
 */
final class ModelFleetCluster implements AutoCloseable {
  private final String description;
  private final Config config;
  private final EmbeddedApiServer embedded;
  private final RealControlPlane controlPlane;
  private final Path kubeconfig;

  private ModelFleetCluster(String description, Config config, EmbeddedApiServer embedded,
      RealControlPlane controlPlane, Path kubeconfig) {
    this.kubeconfig = kubeconfig;
    this.description = description;
    this.config = config;
    this.embedded = embedded;
    this.controlPlane = controlPlane;
  }

  static ModelFleetCluster open(ModelFleetOptions.ApiServer kind, Path kubeconfig) {
    return switch (kind) {
      case EMBEDDED -> {
        // Big fleets: closing a watch after a large list can hang the mock's shutdown; do not wait long for it.
        // Without schema admission: the bench's objects are valid, and the mock's CPU is counted with the operator's.
        EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true)
            .withShutdownTimeout(Duration.ofSeconds(5)).withSchemaAdmission(false));
        yield new ModelFleetCluster("embedded (fabric8 kubernetes-server-mock in this JVM)", api.clientConfig(), api,
            null, null);
      }
      case REAL_CONTROL_PLANE -> {
        // No controller-manager: nothing in the run needs garbage collection, and it would compete for the 2 cores.
        RealControlPlane cp = RealControlPlane.start(RealControlPlaneOptions.builder().withControllerManager(false)
            .build());
        yield new ModelFleetCluster("real kube-apiserver " + ControlPlaneBinaries.KUBERNETES_VERSION
            + " + etcd (separate processes, loopback)", cp.adminConfig(), null, cp, cp.kubeconfigPath());
      }
      case KUBECONFIG -> {
        Config c = KubeClients.config(kubeconfig, 128);
        yield new ModelFleetCluster("kubeconfig " + kubeconfig + " (" + c.getMasterUrl() + ")", c, null, null, kubeconfig);
      }
    };
  }

  String description() {
    return description;
  }

  Config config() {
    return config;
  }

  /** A kubeconfig file for another process (not for the embedded server). */
  Path kubeconfigFile() {
    if (kubeconfig == null) {
      throw new IllegalStateException("the embedded API server has no kubeconfig file");
    }
    return kubeconfig;
  }

  /** Whether the API server's CPU is part of this process's CPU time. */
  boolean apiServerInProcess() {
    return embedded != null;
  }

  /** The embedded server, whose store can be preloaded without HTTP. */
  Optional<EmbeddedApiServer> embedded() {
    return Optional.ofNullable(embedded);
  }

  /** Creates or updates the two CRDs and waits until they are established (a no-op wait on the mock). */
  void installCrds(KubernetesClient client) {
    if (embedded != null) {
      return; // installed at start
    }
    CrdManifests.install(client, Duration.ofMinutes(2));
  }

  /** Stores objects without HTTP (embedded only). */
  void preload(List<? extends HasMetadata> objects) {
    embedded.preload(objects);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }
}
