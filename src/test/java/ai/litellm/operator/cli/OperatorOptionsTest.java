package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.ConfigReference;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.config.Setting;
import ai.litellm.operator.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options of `run`, `sandbox` and `bench models` come from the settings table, and bad values are usage errors. */
class OperatorOptionsTest {

  /** Exit code, stdout and stderr of one command line (no JVM exit, no logging set-up). */
  record Result(int code, String out, String err) {}

  static Result execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void unknownShardingModeIsOneLineUsageErrorBeforeAnyClusterIsContacted() {
    // The kubeconfig does not exist: had `run` got as far as connecting, it would fail on that file instead.
    Result r = execute("run", "--kubeconfig", "/nonexistent/kubeconfig", "--sharding", "rings");
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains("'--sharding'") && lines.get(0).contains("none, ring, static")
        && lines.get(0).contains("'rings'"), lines.get(0));
    assertFalse(r.err().contains("kubeconfig"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void wrongTypesAreUsageErrorsNamingTheFlag() {
    for (String[] bad : List.of(new String[] {"--partitions", "many"}, new String[] {"--resync-period", "10 min"},
        new String[] {"--leader-elect=yes"})) {
      String[] args = new String[bad.length + 1];
      args[0] = "run";
      System.arraycopy(bad, 0, args, 1, bad.length);
      Result r = execute(args);
      assertEquals(2, r.code(), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(bad[0].replaceAll("=.*", "")), r.err());
    }
  }

  @Test
  void flagsFillTheConfig() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--namespaces", " a, ,b", "--kube-write-qps", "7.5", "--consistency-grace", "5s",
        "--sharding", "Static", "--leader-elect", "--allow-cross-namespace-refs=false", "--shard-max-parallel-handoffs",
        "3", "--cluster-domain", "example.org", "--ingress-class", "nginx");
    OperatorConfig c = run.options.toConfig();
    assertEquals(List.of("a", "b"), c.namespaces);
    assertEquals(7.5, c.kubeWriteQps);
    assertEquals(Duration.ofSeconds(5), c.consistencyGrace);
    assertEquals("static", c.shardingMode);
    assertTrue(c.leaderElection);
    assertFalse(c.allowCrossNamespaceRefs);
    assertEquals(3, c.shardMaxParallelHandoffs);
    assertEquals("example.org", c.clusterDomain);
    assertEquals("nginx", c.ingressClassName);
  }

  @Test
  void absentFlagsGiveTheTablesDefaults() throws Exception {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs();
    OperatorConfig parsed = run.options.toConfig();
    OperatorConfig defaults = new OperatorConfig();
    int compared = 0;
    for (Setting s : Settings.ALL) {
      if (s.env().stream().anyMatch(v -> System.getenv(v) != null)) {
        continue; // this JVM's environment sets it (HOSTNAME, say): the variable rightly wins
      }
      var field = OperatorConfig.class.getField(s.field());
      assertEquals(field.get(defaults), field.get(parsed), s.field());
      compared++;
    }
    assertTrue(compared > 30, "compared " + compared);
  }

  @Test
  void everyFlaggedSettingIsAnOptionOfRunAndHelpShowsDefaultsAndChoices() {
    CommandLine cl = new CommandLine(new RunCommand());
    long flagged = Settings.ALL.stream().filter(Setting::hasFlag)
        .peek(s -> assertTrue(cl.getCommandSpec().findOption(s.option()) != null, s.option())).count();
    // Plus run's own --kubeconfig and --instance-url, and --help/--version: nothing else, so no second source.
    assertEquals(flagged + 4, cl.getCommandSpec().options().size());
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " "); // unwrapped
    assertTrue(help.contains("--sharding=none|ring|static"), help);
    assertTrue(help.contains("One of: none, ring, static."), help);
    assertTrue(help.contains("LITELLM_OPERATOR_KUBE_WRITE_QPS"), help);
    if (System.getenv("LITELLM_OPERATOR_RESYNC_PERIOD") == null) {
      assertTrue(help.contains("Default: 10m"), help);
    }
  }

  @Test
  void sandboxTakesEverySettingButTheClusterDomain() {
    var spec = new CommandLine(new SandboxCommand()).getCommandSpec();
    for (Setting s : Settings.ALL) {
      if (s.hasFlag()) {
        OptionSpec o = spec.findOption(s.option());
        assertEquals(!s.field().equals("clusterDomain"), o != null, s.option());
      }
    }
  }

  @Test
  void benchmarkOptionsNamedLikeSettingsDefaultToTheTable() {
    BenchModelsCommand bench = new BenchModelsCommand();
    new CommandLine(bench).parseArgs();
    OperatorConfig defaults = new OperatorConfig();
    assertEquals(defaults.litellmRps, bench.litellmRps);
    assertEquals(defaults.litellmMaxInFlight, bench.litellmMaxInFlight);
    assertEquals(defaults.kubeWriteQps, bench.kubeWriteQps);
  }

  @Test
  void configReferencePrintsTheGeneratedTables() {
    Result r = execute("config-reference");
    assertEquals(0, r.code(), r.err());
    assertEquals(ConfigReference.markdown(), r.out());
    assertFalse(execute("--help").out().contains("config-reference"), "hidden from the command list");
  }
}
