package ai.litellm.operator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link Settings} as the Markdown tables of docs/configuration.md ({@code litellm-operator config-reference} prints
 * them; ConfigurationDocTest fails when the document differs).
 */
public final class ConfigReference {
  private ConfigReference() {}

  /** The flags table, a blank line, then the table of settings only code sets. */
  public static String markdown() {
    List<String> rows = new ArrayList<>();
    rows.add("| Flag | Environment variable | Default | Description |");
    rows.add("| --- | --- | --- | --- |");
    for (Setting s : Settings.ALL) {
      if (s.hasFlag()) {
        rows.add("| `" + s.option() + "` | " + code(s.env().get(0)) + " | " + readableDefault(s) + " | "
            + cell(description(s)) + " |");
      }
    }
    rows.add("");
    rows.add("Settings without a flag (set only by code: tests, the sandbox, the benchmark):");
    rows.add("");
    rows.add("| `OperatorConfig` field | Default | Description |");
    rows.add("| --- | --- | --- |");
    for (Setting s : Settings.ALL) {
      if (!s.hasFlag()) {
        rows.add("| `" + s.field() + "` | " + code(s.defaultValue()) + " | " + cell(s.doc()) + " |");
      }
    }
    return String.join("\n", rows) + "\n";
  }

  /** The doc line plus the choices of a choice. */
  public static String description(Setting s) {
    List<String> choices = s.type().choices();
    return choices.isEmpty() ? s.doc() : s.doc() + " One of: " + String.join(", ", choices) + ".";
  }

  /** "`$POD_NAMESPACE`, else `default`": the fallback variables, then the built-in default. */
  private static String readableDefault(Setting s) {
    List<String> parts = s.env().stream().skip(1).map(v -> "`$" + v + "`").collect(Collectors.toList());
    if (!s.defaultValue().isEmpty()) {
      parts.add(code(s.defaultValue()));
    }
    return String.join(", else ", parts);
  }

  private static String code(String text) {
    return text.isEmpty() ? "" : "`" + text + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
