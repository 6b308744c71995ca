package ai.litellm.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
      ConfigReferenceCommand.class,
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
    return commandLine().execute(args);
  }

  /** The command tree, with usage errors reported as one line (exit code 2). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Main::usageError);
  }

  /** One line on stderr: what was wrong (picocli names the option), and where the help is. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String hint = e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
        ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : "";
    cl.getErr().println(e.getMessage() + hint + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    cl.getErr().flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
