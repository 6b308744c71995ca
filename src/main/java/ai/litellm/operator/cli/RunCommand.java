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
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Runs the operator against the cluster of the current kubeconfig or the in-cluster service account. Its options are
 * the operator's settings (config/Settings, every one) plus how to reach the cluster and the proxies.
 */
@Command(name = "run", mixinStandardHelpOptions = true, modelTransformer = RunCommand.WithSettings.class,
    description = "Run the operator against the current kubeconfig's cluster or in-cluster.")
public final class RunCommand implements Callable<Integer> {
  final OperatorOptions options = new OperatorOptions();

  @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:KUBECONFIG_FILE:-}",
      description = "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then the in-cluster service account). "
          + "Env: KUBECONFIG_FILE.")
  Path kubeconfig;

  @Option(names = "--instance-url", paramLabel = "NAMESPACE/NAME=URL",
      description = "Reach this LiteLLMInstance's proxy at URL instead of its Service (an operator outside the "
          + "cluster through a port-forward; the benchmark's separate operator process). Repeatable.")
  Map<String, String> instanceUrls = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    OperatorConfig cfg = options.toConfig();
    Path kc = kubeconfig == null || kubeconfig.toString().isEmpty() ? null : kubeconfig;
    OperatorProcess process = OperatorProcess.start(cfg, KubeClients.config(kc, cfg.kubeMaxConcurrentRequests),
        InstanceEndpoints.withOverrides(instanceUrls, InstanceEndpoints.clusterDns(cfg.clusterDomain)));
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "shutdown"));
    process.awaitTermination();
    return 0;
  }

  /** Adds every setting of the table as an option. */
  static final class WithSettings implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      ((RunCommand) spec.userObject()).options.addTo(spec, s -> true);
      return spec;
    }
  }
}
