package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md covers every flag and environment variable of `litellm-operator run` (a table generated from
 * the command's own definition: regenerate with {@code -Dconfiguration.doc.update=true}) and every Helm value.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("docs", "configuration.md");
  private static final String BEGIN = "<!-- BEGIN GENERATED FLAGS -->\n";
  private static final String END = "<!-- END GENERATED FLAGS -->";

  static String flagTable() {
    List<String> rows = new ArrayList<>();
    rows.add("| Flag | Environment variable | Default | Description |");
    rows.add("| --- | --- | --- | --- |");
    Map<String, CliOptions.Option> byEnv = CliOptions.byEnvVar();
    for (OptionSpec spec : CliOptions.specs()) {
      CliOptions.Option o = byEnv.values().stream().filter(x -> x.flag().equals(spec.longestName())).findFirst()
          .orElse(new CliOptions.Option(spec.longestName(), "", ""));
      String description = String.join(" ", spec.description()).replaceAll("\\s*Env: [A-Z0-9_, ]+( or [A-Z0-9_]+)?\\.", "")
          .replace("|", "\\|").strip();
      rows.add("| `" + o.flag() + "` | " + (o.envVar().isEmpty() ? "" : "`" + o.envVar() + "`") + " | "
          + readableDefault(o.fallback()) + " | " + description + " |");
    }
    return String.join("\n", rows) + "\n";
  }

  /** {@code ${env:POD_NAMESPACE:-default}} reads as "`$POD_NAMESPACE`, else `default`". */
  private static String readableDefault(String fallback) {
    if (fallback.isEmpty()) {
      return "";
    }
    Matcher nested = Pattern.compile("\\$\\{env:([A-Z0-9_]+):-(.*)}").matcher(fallback);
    if (nested.matches()) {
      return "`$" + nested.group(1) + "`, else " + readableDefault(nested.group(2));
    }
    return "`" + fallback + "`";
  }

  @Test
  void flagTableMatchesTheCommandLine() throws IOException {
    String doc = Files.readString(DOC);
    Matcher m = Pattern.compile(Pattern.quote(BEGIN) + "(.*?)" + Pattern.quote(END), Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/configuration.md has no generated flag table");
    String expected = flagTable();
    if (Boolean.getBoolean("configuration.doc.update")) {
      Files.writeString(DOC, doc.substring(0, m.start(1)) + expected + doc.substring(m.end(1)));
      return;
    }
    assertEquals(expected, m.group(1), "the flag table is stale; regenerate with -Dconfiguration.doc.update=true");
  }

  @Test
  void everyHelmValueIsDocumented() throws IOException {
    Map<String, Object> values = new KubernetesSerialization()
        .unmarshal(Files.readString(HelmChart.DIR.resolve("values.yaml")), Map.class);
    List<String> paths = new ArrayList<>();
    leaves("", values, paths);
    assertTrue(paths.size() > 40, paths::toString);
    String doc = Files.readString(DOC);
    List<String> missing = paths.stream().filter(p -> !doc.contains("`" + p + "`")).toList();
    assertEquals(List.of(), missing, "Helm values not described in docs/configuration.md");
  }

  @Test
  void documentedLogLevelVariableExists() throws IOException {
    assertTrue(Files.readString(DOC).contains("`LITELLM_OPERATOR_LOG_LEVEL`"));
  }

  /** Dotted paths of the values a user sets: scalars, lists and empty maps; securityContext-like maps as a whole. */
  private static void leaves(String prefix, Map<String, Object> map, List<String> out) {
    for (var e : map.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty() && !isPassThrough(path)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) child;
        leaves(path, typed, out);
      } else {
        out.add(path);
      }
    }
  }

  /** Values copied verbatim into Kubernetes fields: documented as one block, not key by key. */
  private static boolean isPassThrough(String path) {
    return List.of("podSecurityContext", "securityContext", "resources", "livenessProbe", "readinessProbe",
        "startupProbe").contains(path);
  }
}
