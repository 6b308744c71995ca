package ai.litellm.operator.cli;

import ai.litellm.operator.bench.ChurnBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code litellm-operator bench churn}: rounds of namespaces created and deleted (Secrets, an instance and a Model each)
 * against the operator as its own process; prints its live heap after each round's full collection. Exit code 1 when
 * the last round's live heap is more than {@code --max-growth} above the first round's.
 */
@Command(name = "churn", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Create and delete namespaces (2 Secrets, a LiteLLMInstance and a Model each) in rounds and report "
        + "the operator process's live heap after each round.")
public final class BenchChurnCommand implements Callable<Integer> {
  @Option(names = "--rounds", defaultValue = "20", description = "Rounds.")
  int rounds;

  @Option(names = "--per-round", defaultValue = "1000",
      description = "Namespaces created and deleted per round.")
  int perRound;

  @Option(names = "--real-control-plane", description = "A real kube-apiserver + etcd + kube-controller-manager "
      + "(provisioned by src/main/resources/control-plane/provision.sh) instead of the embedded API server.")
  boolean realControlPlane;

  @Option(names = "--operator-jvm-args", split = " ",
      defaultValue = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
      description = "JVM options of the operator process.")
  List<String> jvmArgs;

  @Option(names = "--round-timeout", defaultValue = "15m", converter = DurationConverter.class,
      description = "Longest time for one round.")
  Duration roundTimeout;

  @Option(names = "--max-growth", defaultValue = "0.10",
      description = "Largest allowed growth of the live heap's floor, the lowest of the last half of the rounds "
          + "over the lowest of the first half.")
  double maxGrowth;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("litellm-churn-");
    ChurnBenchmark.Result r = ChurnBenchmark.run(new ChurnBenchmark.Options(rounds, perRound, realControlPlane,
        jvmArgs, roundTimeout, dir));
    if (json) {
      System.out.println(new io.vertx.core.json.JsonObject().put("apiServer", r.apiServer()).put("rounds", r.rounds())
          .put("perRound", r.perRound()).put("liveHeapMibAfterRound", r.liveHeapMibAfterRound())
          .put("roundSeconds", r.roundSeconds()).put("growth", r.growth())
          .put("lastOverFirst", r.lastOverFirst())
          .put("memoryAfterRound", new io.vertx.core.json.JsonArray(r.memoryAfterRound().stream()
              .map(m -> new io.vertx.core.json.JsonObject(new java.util.TreeMap<String, Object>(m))).toList()))
          .put("leftBehind", new io.vertx.core.json.JsonObject(new java.util.TreeMap<String, Object>(r.leftBehind())))
          .encode());
    } else {
      System.out.printf("churn: %d rounds x %d namespaces (%s)%n", r.rounds(), r.perRound(), r.apiServer());
      for (int i = 0; i < r.rounds(); i++) {
        System.out.printf("  round %2d: live heap %4d MiB (%.1f s)%n", i + 1, r.liveHeapMibAfterRound().get(i),
            r.roundSeconds().get(i));
      }
      System.out.printf("growth of the floor, first half -> last half: %+.1f %% (limit %.0f %%)%n", 100 * r.growth(), 100 * maxGrowth);
      System.out.printf("last round over the first: %+.1f %%%n", 100 * r.lastOverFirst());
      System.out.printf("memories after the last round: %s; left behind: %s%n",
          r.memoryAfterRound().get(r.rounds() - 1), r.leftBehind().isEmpty() ? "nothing" : r.leftBehind());
    }
    return r.growth() <= maxGrowth && r.leftBehind().isEmpty() ? 0 : 1;
  }
}
