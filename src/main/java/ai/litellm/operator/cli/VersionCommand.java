package ai.litellm.operator.cli;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the operator version (from the jar manifest, or "dev" when run from classes). */
@Command(name = "version", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Print the version.")
public final class VersionCommand implements Runnable {

  public static String version() {
    return Optional.ofNullable(VersionCommand.class.getPackage().getImplementationVersion()).orElse("dev");
  }

  @Override
  public void run() {
    System.out.println("litellm-operator " + version());
  }

  /** Lets `--version` on every command print the same thing. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"litellm-operator " + version()};
    }
  }
}
