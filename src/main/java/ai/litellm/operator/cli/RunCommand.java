package ai.litellm.operator.cli;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator against the cluster of the current kubeconfig or the in-cluster service account. Its options are
 * the operator's settings (config/Settings, every one) plus how to reach the cluster and the proxies.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true, modelTransformer = RunCommand.WithSettings.class,
    description = "Run the operator against the current kubeconfig's cluster or in-cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly", "1:the operator failed after start-up began",
        "2:invalid flags or values", "3:the cluster cannot be reached or the kubeconfig cannot be used"})
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  final OperatorOptions options = new OperatorOptions();

  @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:KUBECONFIG_FILE:-}",
      description = "Kubeconfig file (unset: KUBECONFIG, ~/.kube/config, then the in-cluster service account). "
          + "Env: KUBECONFIG_FILE.")
  Path kubeconfig;

  @Option(names = "--instance-url", paramLabel = "NAMESPACE/NAME=URL",
      description = "Reach this LiteLLMInstance's proxy at URL instead of its Service. Needed when the operator runs "
          + "outside the cluster (a laptop cannot resolve in-cluster Service DNS): kubectl port-forward "
          + "svc/NAME-service 4000:4000 -n NAMESPACE, then --instance-url NAMESPACE/NAME=http://127.0.0.1:4000. "
          + "Repeatable.")
  Map<String, String> instanceUrls = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    OperatorConfig cfg = options.toConfig();
    Logging.apply(cfg.logLevel, cfg.logFormat);
    Path kc = kubeconfig == null || kubeconfig.toString().isEmpty() ? null : kubeconfig;
    Config config = ClusterConnection.resolve(kc, cfg.kubeMaxConcurrentRequests, System.getenv());
    String version = ClusterConnection.check(config, kc, System.getenv());
    LOG.info("Kubernetes API server {} ({}), from {}", config.getMasterUrl(), version,
        ClusterConnection.source(kc, System.getenv()));
    OperatorProcess process;
    try {
      process = OperatorProcess.start(cfg, config,
          InstanceEndpoints.withOverrides(instanceUrls, InstanceEndpoints.clusterDns(cfg.clusterDomain)));
    } catch (RuntimeException e) {
      throw new CliFailure(CliFailure.FAILED, "the operator could not start against " + config.getMasterUrl() + ": "
          + CliFailure.oneLine(e), e);
    }
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
