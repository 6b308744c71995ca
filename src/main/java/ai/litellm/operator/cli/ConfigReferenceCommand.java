package ai.litellm.operator.cli;

import ai.litellm.operator.config.ConfigReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the settings table of docs/configuration.md (Markdown), generated from config/Settings. */
@Command(name = "config-reference", hidden = true, mixinStandardHelpOptions = true,
    description = "Print the operator's settings as the Markdown tables of docs/configuration.md.")
public final class ConfigReferenceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().print(ConfigReference.markdown());
    spec.commandLine().getOut().flush();
  }
}
