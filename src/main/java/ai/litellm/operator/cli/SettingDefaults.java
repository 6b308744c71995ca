package ai.litellm.operator.cli;

import ai.litellm.operator.config.Setting;
import ai.litellm.operator.config.Settings;
import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of a command's own options that stand for operator settings (the benchmark's {@code --litellm-rps} is the
 * operator's): the setting's default from {@link Settings}, the environment not consulted. Only the settings named
 * are served: an option of the same name that means something else (the benchmark's {@code --namespaces} is a count)
 * keeps its own default.
 */
public abstract class SettingDefaults implements IDefaultValueProvider {
  private final List<Setting> settings;

  /** @param fields the {@code OperatorConfig} fields of the settings whose options the command has */
  protected SettingDefaults(String... fields) {
    this.settings = java.util.Arrays.stream(fields).map(Settings::byField).toList();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return settings.stream().filter(s -> s.option().equals(option.longestName())).findFirst()
          .map(Setting::defaultValue).orElse(null);
    }
    return null;
  }
}
