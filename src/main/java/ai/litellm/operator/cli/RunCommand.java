package ai.litellm.operator.cli;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.kube.KubeClients;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the operator against the cluster of the current kubeconfig or the in-cluster service account. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the current kubeconfig's cluster or in-cluster.")
public final class RunCommand implements Callable<Integer> {
  @Mixin OperatorOptions options;

  @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG_FILE:-}",
      description = "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then the in-cluster service account).")
  Path kubeconfig;

  @Option(names = "--cluster-domain", defaultValue = "${env:LITELLM_OPERATOR_CLUSTER_DOMAIN:-cluster.local}",
      description = "Cluster DNS domain used to reach LiteLLMInstance Services. Env: LITELLM_OPERATOR_CLUSTER_DOMAIN.")
  String clusterDomain;

  @Option(names = "--instance-url", paramLabel = "NAMESPACE/NAME=URL",
      description = "Reach this LiteLLMInstance's proxy at URL instead of its Service (an operator outside the "
          + "cluster through a port-forward; the benchmark's separate operator process). Repeatable.")
  Map<String, String> instanceUrls = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    OperatorConfig cfg = options.toConfig();
    Path kc = kubeconfig == null || kubeconfig.toString().isEmpty() ? null : kubeconfig;
    OperatorProcess process = OperatorProcess.start(cfg, KubeClients.config(kc, cfg.kubeMaxConcurrentRequests),
        InstanceEndpoints.withOverrides(instanceUrls, InstanceEndpoints.clusterDns(clusterDomain)));
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "shutdown"));
    process.awaitTermination();
    return 0;
  }
}
