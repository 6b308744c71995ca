package ai.litellm.operator.cli;

import ai.litellm.operator.bench.ModelFleetBenchmark;
import ai.litellm.operator.bench.ModelFleetOptions;
import ai.litellm.operator.bench.ModelFleetResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code litellm-operator bench models}: a fleet of Models through the operator against fake LiteLLM proxies; prints
 * the figures (see docs/performance.md). Exit code 1 when the fleet did not converge within the timeout.
 */
@Command(name = "models", mixinStandardHelpOptions = true, showDefaultValues = true,
    defaultValueProvider = BenchModelsCommand.OperatorDefaults.class,
    description = "Create N Models, wait until all are Ready and in the fake LiteLLM proxies, force a full resync and "
        + "an operator restart, run a bare loader for comparison, and report.")
public final class BenchModelsCommand implements Callable<Integer> {

  @Option(names = "--models", defaultValue = "1000", description = "Models in the fleet.")
  int models;

  @Option(names = "--namespaces", defaultValue = "10",
      description = "Namespaces, one LiteLLMInstance (fake proxy) each.")
  int namespaces;

  @Option(names = "--litellm-latency-ms", defaultValue = "0",
      description = "Latency of every fake proxy call.")
  long latencyMs;

  @Option(names = "--litellm-rps",
      description = "The operator's LiteLLM rate limit per proxy.")
  double litellmRps;

  @Option(names = "--litellm-max-in-flight",
      description = "The operator's concurrent LiteLLM calls per proxy.")
  int litellmMaxInFlight;

  @Option(names = "--fake-rate-limit", defaultValue = "0",
      description = "Fake proxies answer 429 above this many calls/s; 0 = never.")
  int fakeRateLimit;

  @Option(names = "--kube-write-qps",
      description = "The operator's Kubernetes write rate limit.")
  double kubeWriteQps;

  @Option(names = "--workers", defaultValue = "32",
      description = "Threads of the bench's creates and the bare loader; also the operator's --kube-threads.")
  int workers;

  @Option(names = "--fresh-changes", defaultValue = "20",
      description = "Models changed during the resync flood to time fresh changes.")
  int freshChanges;

  @Option(names = "--replicas", defaultValue = "1",
      description = "Operator replicas in this JVM; more than one shard the namespaces on a Lease ring and skip the "
          + "resync and restart phases.")
  int replicas;

  @Option(names = "--operator-process", description = "Run the operator as a separate JVM (the production run "
      + "command) so its CPU, RSS and heap are measured alone; needs --real-control-plane or --kubeconfig. The resync "
      + "phase (it injects events into the operator's log) is skipped.")
  boolean operatorProcess;

  @Option(names = "--operator-jvm-args", split = " ",
      defaultValue = "-Xmx1g -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
      description = "JVM options of the separate operator process; the default is the image's flags with a 1 GiB "
          + "heap.")
  List<String> operatorJvmArgs;

  @Option(names = "--no-loader", description = "Skip the bare-loader phase.")
  boolean noLoader;

  @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class,
      description = "Bound of each waiting phase.")
  Duration timeout;

  @ArgGroup(exclusive = true)
  Target target;

  static final class Target {
    @Option(names = "--kubeconfig", description = "Run against this cluster (use a throw-away one: the bench's "
        + "namespaces bench-* are left behind).")
    Path kubeconfig;

    @Option(names = "--real-control-plane",
        description = "Start a real kube-apiserver v1.20.2 + etcd for the run (see docs/testing.md).")
    boolean realControlPlane;
  }

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  PrintStream out = System.out;

  /** The operator's settings this command passes on default to the operator's defaults. */
  static final class OperatorDefaults extends SettingDefaults {
    OperatorDefaults() {
      super("litellmRps", "litellmMaxInFlight", "kubeWriteQps");
    }
  }

  @Override
  public Integer call() throws Exception {
    ModelFleetResult r = ModelFleetBenchmark.run(options());
    out.println(json ? r.toJson().encode() : r.toJson().encodePrettily());
    return r.converged() ? 0 : 1;
  }

  ModelFleetOptions options() {
    ModelFleetOptions.ApiServer server = ModelFleetOptions.ApiServer.EMBEDDED;
    Path kubeconfigFile = null;
    if (target != null && target.kubeconfig != null) {
      server = ModelFleetOptions.ApiServer.KUBECONFIG;
      kubeconfigFile = target.kubeconfig;
    } else if (target != null && target.realControlPlane) {
      server = ModelFleetOptions.ApiServer.REAL_CONTROL_PLANE;
    }
    return new ModelFleetOptions(models, namespaces, latencyMs, litellmRps, litellmMaxInFlight, fakeRateLimit,
        kubeWriteQps, workers, server, kubeconfigFile, freshChanges, !noLoader, timeout, replicas,
        operatorProcess ? operatorJvmArgs : null);
  }
}
