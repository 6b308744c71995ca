package ai.litellm.operator.cli;

import ai.litellm.operator.kube.KubeClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * How `run` reaches the cluster, checked before the operator starts: which kubeconfig (or the in-cluster service
 * account) is used, and whether the API server at its URL answers. Failures are one line naming the cause, the
 * server URL and where the settings came from ({@link CliFailure#CLUSTER}), instead of a stack trace from deep inside
 * the operator's start-up.
 */
final class ClusterConnection {
  private ClusterConnection() {}

  /** The client configuration, from {@code kubeconfig} if given, else the usual search (KUBECONFIG, ~/.kube/config,
   *  in-cluster). */
  static Config resolve(Path kubeconfig, int maxConcurrentRequests, Map<String, String> env) {
    String source = source(kubeconfig, env);
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new CliFailure(CliFailure.CLUSTER, "kubeconfig " + kubeconfig + " does not exist or cannot be read", null);
    }
    String fromEnv = env.get("KUBECONFIG");
    if (kubeconfig == null && fromEnv != null && !fromEnv.isBlank() && Arrays.stream(fromEnv.split(File.pathSeparator))
        .noneMatch(f -> !f.isBlank() && Files.isReadable(Path.of(f)))) {
      // fabric8 would quietly fall back to in-cluster settings and then blame https://kubernetes.default.svc.
      throw new CliFailure(CliFailure.CLUSTER, source + " does not exist or cannot be read", null);
    }
    if (source == null) {
      throw new CliFailure(CliFailure.CLUSTER, "no kubeconfig: KUBECONFIG is not set, " + home(env)
          + "/.kube/config does not exist, and this is not a pod; pass --kubeconfig FILE", null);
    }
    try {
      return KubeClients.config(kubeconfig, maxConcurrentRequests);
    } catch (RuntimeException e) {
      throw new CliFailure(CliFailure.CLUSTER, "cannot use " + source + ": " + CliFailure.oneLine(e), e);
    }
  }

  /** Asks the API server for its version (10 s at most); fails with the URL and the reason. */
  static String check(Config config, Path kubeconfig, Map<String, String> env) {
    String server = config.getMasterUrl();
    Config quick = new ConfigBuilder(config).withConnectionTimeout(10_000).withRequestTimeout(10_000)
        .withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient client = KubeClients.create(quick)) {
      return client.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      String why = e.getCode() == 401 ? "it refused the credentials (401 Unauthorized)"
          : e.getCode() > 0 ? "it answered " + e.getCode() + " " + e.getStatus().getMessage()
          : CliFailure.oneLine(e.getCause() == null ? e : e.getCause());
      throw new CliFailure(CliFailure.CLUSTER, "cannot reach the Kubernetes API server at " + server + ": " + why
          + " (from " + source(kubeconfig, env) + ")", e);
    } catch (RuntimeException e) {
      throw new CliFailure(CliFailure.CLUSTER, "cannot reach the Kubernetes API server at " + server + ": "
          + CliFailure.oneLine(e) + " (from " + source(kubeconfig, env) + ")", e);
    }
  }

  /** Where the configuration comes from, as fabric8 searches; null when there is nothing to use. */
  static String source(Path kubeconfig, Map<String, String> env) {
    if (kubeconfig != null) {
      return "kubeconfig " + kubeconfig;
    }
    String fromEnv = env.get("KUBECONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return "kubeconfig " + fromEnv + " (KUBECONFIG)";
    }
    Path home = Path.of(home(env), ".kube", "config");
    if (Files.isReadable(home)) {
      return "kubeconfig " + home;
    }
    if (env.containsKey("KUBERNETES_SERVICE_HOST")) {
      return "the pod's service account";
    }
    return null;
  }

  private static String home(Map<String, String> env) {
    return env.getOrDefault("HOME", System.getProperty("user.home"));
  }
}
