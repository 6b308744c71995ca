package ai.litellm.operator.cli;

import ai.litellm.operator.bench.RotationBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code litellm-operator bench rotation}: Models sharing one credentials Secret, which is rotated; reports the time
 * from each Secret update to the fake LiteLLM holding the new value (p50/p99/max) and the requests each rotation
 * caused. Exit code 1 when the p99 is above {@code --max-p99}.
 */
@Command(name = "rotation", mixinStandardHelpOptions = true,
    description = "Rotate a credentials Secret that many Models read and report the time until LiteLLM holds the new "
        + "value, against the operator as its own process with the default resync period and Secret cache TTL.")
public final class BenchRotationCommand implements Callable<Integer> {
  @Option(names = "--models", defaultValue = "1000", description = "Models on the Secret (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--rotations", defaultValue = "5", description = "Rotations (default: ${DEFAULT-VALUE}).")
  int rotations;

  @Option(names = "--real-control-plane", description = "A real kube-apiserver + etcd (provisioned by "
      + "src/main/resources/control-plane/provision.sh) instead of the embedded API server.")
  boolean realControlPlane;

  @Option(names = "--operator-jvm-args", split = " ",
      defaultValue = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
      description = "JVM options of the operator process (default: ${DEFAULT-VALUE}).")
  List<String> jvmArgs;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "Longest wait for the fleet to converge, and for each rotation (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-p99", defaultValue = "5s", converter = DurationConverter.class,
      description = "Largest allowed p99 from the Secret update to LiteLLM holding the new value "
          + "(default: ${DEFAULT-VALUE}).")
  Duration maxP99;

  @Option(names = "--credentials", defaultValue = "0",
      description = "0: every Model reads the Secret itself (its key is copied into each model); N > 0: the Models "
          + "name one of N Credentials instead (litellmCredentialName, round-robin) and the first one's Secret is "
          + "rotated: one credential write, whatever the fleet (default: ${DEFAULT-VALUE}).")
  int credentials;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("litellm-rotation-");
    RotationBenchmark.Result r = RotationBenchmark.run(new RotationBenchmark.Options(models, rotations,
        realControlPlane, jvmArgs, timeout, dir, credentials));
    if (json) {
      System.out.println(r.json().put("max_p99_ms", maxP99.toMillis()).encode());
    } else {
      System.out.printf(Locale.ROOT, "rotation: %d Models on %s, %d rotations (%s)%n", r.models(),
          credentials > 0 ? credentials + " Credentials" : "one Secret", r.rotations().size(), r.apiServer());
      for (int i = 0; i < r.rotations().size(); i++) {
        RotationBenchmark.Rotation x = r.rotations().get(i);
        System.out.printf(Locale.ROOT, "  rotation %d: p50 %.0f ms, p99 %.0f ms, max %.0f ms; LiteLLM writes %d %s; "
            + "Kubernetes requests %s%n", i + 1, x.p50Ms(), x.p99Ms(), x.maxMs(), x.litellmWrites(), x.litellmCalls(),
            x.kubernetesRequests());
      }
      System.out.printf(Locale.ROOT, "Secret update -> LiteLLM holds the new value, over %d samples: p50 %.0f ms, "
          + "p99 %.0f ms, max %.0f ms (limit p99 %d ms)%n", r.samples(), r.p50Ms(), r.p99Ms(), r.maxMs(),
          maxP99.toMillis());
    }
    return r.p99Ms() <= maxP99.toMillis() ? 0 : 1;
  }
}
