package ai.litellm.operator.helm;

import ai.litellm.operator.cli.RunCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags and environment variables of `litellm-operator run`, read from picocli's model of the command: each
 * option's default is {@code ${env:VAR:-fallback}}, which names the variable and the built-in default.
 */
final class CliOptions {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+):-");

  /** One flag: its long name, the first environment variable it reads, and its default when that is unset. */
  record Option(String flag, String envVar, String fallback) {}

  private CliOptions() {}

  static List<OptionSpec> specs() {
    CommandLine.Model.CommandSpec spec = new CommandLine(new RunCommand()).getCommandSpec();
    // Raw defaults (${env:VAR:-fallback}), not the values interpolated from this JVM's environment.
    spec.interpolateVariables(false);
    return spec.options().stream()
        .filter(o -> o.longestName().startsWith("--") && !List.of("--help", "--version").contains(o.longestName()))
        .toList();
  }

  /** Options by environment variable; options that read no variable are left out. */
  static Map<String, Option> byEnvVar() {
    Map<String, Option> out = new LinkedHashMap<>();
    for (OptionSpec spec : specs()) {
      String dv = spec.defaultValue();
      if (dv == null) {
        continue;
      }
      Matcher m = ENV.matcher(dv);
      if (m.find()) {
        String fallback = dv.substring(m.end(), dv.length() - 1);
        out.put(m.group(1), new Option(spec.longestName(), m.group(1), fallback));
      }
    }
    return out;
  }

  /** Parses {@code args} as `run` would (types, converters), failing on any value the CLI does not accept. */
  static void parse(String... args) {
    new CommandLine(new RunCommand()).parseArgs(args);
  }
}
