package ai.litellm.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks: the event log alone (queue) and whole fleets of Models (models). See docs/performance.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Benchmarks (results in docs/performance.md).",
    subcommands = {BenchQueueCommand.class, BenchModelsCommand.class, BenchChurnCommand.class,
        BenchRotationCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
