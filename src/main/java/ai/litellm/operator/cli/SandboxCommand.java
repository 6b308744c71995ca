package ai.litellm.operator.cli;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Runs the whole thing on this machine: embedded API server, fake LiteLLM proxies, the operator. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, showDefaultValues = true, modelTransformer = SandboxCommand.WithSettings.class,
    description = {"Run the operator against an embedded Kubernetes API server with fake LiteLLM proxies.",
        "Then: kubectl --kubeconfig FILE apply -f docs/examples/ ; kubectl --kubeconfig FILE get models,litellminstances -A"})
public final class SandboxCommand implements Callable<Integer> {
  final OperatorOptions options = new OperatorOptions();

  @Option(names = "--kubeconfig-out", defaultValue = "sandbox.kubeconfig",
      description = "Where to write a kubeconfig for kubectl.")
  Path kubeconfigOut;

  @Option(names = "--api-port", defaultValue = "0", description = "Port of the embedded API server (0: any free port).")
  int apiPort;

  @Option(names = "--examples", description = "Apply every YAML file in this directory at start (e.g. docs/examples).")
  Path examples;

  @Option(names = "--litellm-latency-ms", defaultValue = "0", description = "Added latency of the fake proxies.")
  long latencyMs;

  @Option(names = "--standalone-proxy-port", defaultValue = "0",
      description = "Port of an extra fake LiteLLM proxy for Models that use connectionRef.secretRef (0: any free port).")
  int standaloneProxyPort;

  @Option(names = "--standalone-proxy-key", defaultValue = "sk-sandbox-master-key",
      description = "Master key of that proxy.")
  String standaloneProxyKey;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop after this long (default: run until interrupted).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    OperatorConfig cfg = options.toConfig();
    Logging.apply(cfg.logLevel, cfg.logFormat);
    try (Sandbox sandbox = Sandbox.start(cfg, apiPort, () -> new FakeLiteLLMOptions().latencyMs(latencyMs))) {
      sandbox.apiServer().writeKubeconfig(kubeconfigOut);
      System.out.println("Kubernetes API server: " + sandbox.apiServer().url());
      System.out.println("kubeconfig:            " + kubeconfigOut.toAbsolutePath());
      System.out.println("operator management:   http://127.0.0.1:" + sandbox.operator().managementPort()
          + " (/metrics /healthz /readyz)");
      System.out.println("LiteLLM proxies:       one fake proxy per LiteLLMInstance, started on first use");
      var standalone = sandbox.startStandaloneProxy(standaloneProxyPort, standaloneProxyKey);
      System.out.println("standalone proxy:      " + standalone + " (master key " + standaloneProxyKey
          + "): put it in the url/masterkey of a connectionRef.secretRef Secret");
      if (examples != null) {
        int n = sandbox.applyDirectory(examples).size();
        System.out.println("applied " + n + " objects from " + examples);
      }
      System.out.println("Try: kubectl --kubeconfig " + kubeconfigOut + " get models,litellminstances -A");
      System.out.flush();
      CountDownLatch done = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "sandbox-shutdown"));
      if (duration != null) {
        done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        done.await();
      }
    }
    return 0;
  }

  /** The operator's settings as options, except how `run` reaches real proxies (the sandbox's are local fakes). */
  static final class WithSettings implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      ((SandboxCommand) spec.userObject()).options.addTo(spec, s -> !s.field().equals("clusterDomain"));
      return spec;
    }
  }
}
