package ai.litellm.operator.helm;

import ai.litellm.operator.cli.RunCommand;
import ai.litellm.operator.config.Setting;
import ai.litellm.operator.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The operator's settings as the chart sees them: environment variables of `litellm-operator run`, from the table. */
final class CliOptions {

  /** One setting: its flag, the LITELLM_OPERATOR_* variable it reads, and its default when that is unset. */
  record Option(String flag, String envVar, String fallback) {}

  private CliOptions() {}

  /** Settings with a flag by their LITELLM_OPERATOR_* variable (fallbacks such as POD_NAMESPACE are left out). */
  static Map<String, Option> byEnvVar() {
    Map<String, Option> out = new LinkedHashMap<>();
    for (Setting s : Settings.ALL) {
      if (s.hasFlag()) {
        String env = s.env().get(0);
        out.put(env, new Option(s.option(), env, s.defaultValue()));
      }
    }
    return out;
  }

  /** Parses {@code args} as `run` would (types, choices), failing on any value the CLI does not accept. */
  static void parse(String... args) {
    new CommandLine(new RunCommand()).parseArgs(args);
  }
}
