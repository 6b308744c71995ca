package ai.litellm.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import org.slf4j.LoggerFactory;

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
    NettyBuffers.configure();
    Logging.configure();
    return commandLine().execute(args);
  }

  /**
   * The command tree: usage errors are one line (exit code 2); a command that fails is one line naming the cause
   * (exit code 1, or 3 when the cluster cannot be reached), its stack trace logged at debug level only. Every
   * command shows its options' defaults in its help (showDefaultValues).
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Main::usageError)
        .setExecutionExceptionHandler(Main::failure);
    return cl;
  }

  private static int failure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String message = e instanceof CliFailure f ? f.getMessage() : CliFailure.oneLine(e);
    LoggerFactory.getLogger(Main.class).debug("{} failed", cl.getCommandSpec().qualifiedName(), e);
    cl.getErr().println("error: " + message);
    cl.getErr().flush();
    return e instanceof CliFailure f ? f.exitCode : CliFailure.FAILED;
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
