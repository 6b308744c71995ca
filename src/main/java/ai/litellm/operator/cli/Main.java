package ai.litellm.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: `litellm-operator <command>`. Commands wire the packages together and hold no logic of their own. */
@Command(
    name = "litellm-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Runs LiteLLM proxies and keeps fleets of Model resources in sync with them.",
    subcommands = {
      RunCommand.class,
      SandboxCommand.class,
      CrdsCommand.class,
      RenderCommand.class,
      BenchCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line without exiting the JVM (used by tests). */
  public static int execute(String... args) {
    Logging.configure();
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
