package ai.litellm.operator.cli;

import ai.litellm.operator.config.ConfigReference;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.config.Setting;
import ai.litellm.operator.config.SettingType;
import ai.litellm.operator.config.Settings;
import java.util.function.Predicate;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The operator's settings as options of a command, generated from {@link Settings}: one option per setting with a
 * flag; when the flag is absent its environment variables are read (first set one wins), else the table's default
 * applies. A value the setting's type rejects is a usage error naming the flag (exit code 2).
 */
public final class OperatorOptions {
  private final OperatorConfig config = new OperatorConfig();

  /** Adds the options of the settings {@code include} accepts to {@code spec}; their values land in this object. */
  public void addTo(CommandSpec spec, Predicate<Setting> include) {
    for (Setting s : Settings.ALL) {
      if (s.hasFlag() && include.test(s)) {
        spec.addOption(option(s));
      }
    }
  }

  /** The parsed settings (a copy: later parses do not change it). */
  public OperatorConfig toConfig() {
    return config.copy();
  }

  private OptionSpec option(Setting s) {
    boolean flag = s.type() == SettingType.BOOLEAN;
    return OptionSpec.builder(s.option())
        // A boolean is a flag (--leader-elect) that also takes --leader-elect=false; everything else one value.
        .type(flag ? boolean.class : String.class)
        .arity(flag ? "0..1" : "1")
        .paramLabel(s.type().label())
        .defaultValue(envThenDefault(s))
        .showDefaultValue(s.defaultValue().isEmpty() ? Visibility.NEVER : Visibility.ON_DEMAND)
        .hasInitialValue(false) // the value lives in the config; picocli must not reset it to null before parsing
        .completionCandidates(s.type().choices().isEmpty() ? null : s.type().choices())
        // The command shows each option's default after its description (Main.commandLine).
        .description(ConfigReference.description(s) + " Env: " + String.join(", then ", s.env()) + ".")
        .converters(text -> {
          try {
            return s.type().parse(text);
          } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (from the flag or " + String.join(", ", s.env())
                + ")");
          }
        })
        .setter(new ISetter() {
          @Override
          public <T> T set(T value) {
            s.store(config, value);
            return null;
          }
        })
        .build();
  }

  /** {@code ${env:A:-${env:B:-default}}}: picocli reads the variables only when the flag is absent. */
  private static String envThenDefault(Setting s) {
    String value = s.defaultValue();
    for (int i = s.env().size() - 1; i >= 0; i--) {
      value = "${env:" + s.env().get(i) + ":-" + value + "}";
    }
    return value;
  }
}
