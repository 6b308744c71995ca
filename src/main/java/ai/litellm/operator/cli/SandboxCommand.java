package ai.litellm.operator.cli;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.SandboxCluster;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Runs the whole thing on this machine: a Kubernetes API server, fake LiteLLM proxies, the operator. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, showDefaultValues = true, modelTransformer = SandboxCommand.WithSettings.class,
    description = {"Run the operator against a Kubernetes API server started on this machine, with a fake LiteLLM "
        + "proxy per LiteLLMInstance: a real kube-apiserver v1.20.2 + etcd + kube-controller-manager when they are "
        + "provisioned (bash src/main/resources/control-plane/provision.sh), else the embedded one.",
        "Then: kubectl --kubeconfig FILE apply -f docs/examples/quickstart/ ; kubectl --kubeconfig FILE get models,litellminstances -A"})
public final class SandboxCommand implements Callable<Integer> {
  /** How long a Ctrl-C waits for the operator, the proxies and the control plane to stop. */
  private static final long SHUTDOWN_SECONDS = 60;

  final OperatorOptions options = new OperatorOptions();

  @ArgGroup(exclusive = true)
  ApiServerChoice apiServer;

  /** Default (neither flag): the real control plane when its binaries are provisioned, else the embedded server. */
  static final class ApiServerChoice {
    @Option(names = "--real-control-plane", description = "Start a real kube-apiserver v1.20.2 + etcd + "
        + "kube-controller-manager (schema validation, defaulting, pruning, garbage collection, field selectors, "
        + "kubectl explain); fails if they are not provisioned. Default when they are.")
    boolean real;

    @Option(names = "--embedded", description = "Use the embedded API server in this JVM (starts in a second, needs "
        + "nothing; validates, defaults and prunes custom resources, but does no garbage collection or namespace "
        + "deletion). Default when the real one is not provisioned.")
    boolean embedded;

    SandboxCluster.Choice choice() {
      return real ? SandboxCluster.Choice.REAL_CONTROL_PLANE : SandboxCluster.Choice.EMBEDDED;
    }
  }

  @Option(names = "--kubeconfig-out", defaultValue = "sandbox.kubeconfig",
      description = "Where to write a kubeconfig for kubectl (admin).")
  Path kubeconfigOut;

  @Option(names = "--api-port", defaultValue = "0", description = "Port of the API server on 127.0.0.1 (0: any free port).")
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
    SandboxCluster.Choice choice = apiServer == null ? SandboxCluster.Choice.AUTO : apiServer.choice();
    SandboxCluster cluster = SandboxCluster.start(choice, apiPort, SandboxCommand::say);
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // On Ctrl-C / SIGTERM: end the wait below, then hold the JVM until everything is closed (in order: operator,
    // proxies, control plane), so no process outlives the sandbox and the control plane's run dir goes.
    Thread hook = new Thread(() -> {
      done.countDown();
      try {
        closed.await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Sandbox sandbox = Sandbox.start(cfg, cluster, () -> new FakeLiteLLMOptions().latencyMs(latencyMs))) {
      cluster.writeKubeconfig(kubeconfigOut);
      say("Kubernetes API server: " + cluster.url() + " (" + cluster.description() + ")");
      cluster.runDir().ifPresent(dir -> say("control plane files:   " + dir + " (logs/; removed on exit)"));
      say("kubeconfig:            " + kubeconfigOut.toAbsolutePath());
      say("operator management:   http://127.0.0.1:" + sandbox.operator().managementPort()
          + " (/metrics /healthz /readyz)");
      say("LiteLLM proxies:       one fake proxy per LiteLLMInstance, started on first use");
      var standalone = sandbox.startStandaloneProxy(standaloneProxyPort, standaloneProxyKey);
      say("standalone proxy:      " + standalone + " (master key " + standaloneProxyKey
          + "): put it in the url/masterkey of a connectionRef.secretRef Secret");
      if (examples != null) {
        int n = sandbox.applyDirectory(examples).size();
        say("applied " + n + " objects from " + examples);
      }
      say("Try: kubectl --kubeconfig " + kubeconfigOut + " get models,litellminstances -A");
      if (duration != null) {
        done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        done.await();
      }
    } finally {
      say("sandbox stopped");
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it has just been released
      }
    }
    return 0;
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
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
