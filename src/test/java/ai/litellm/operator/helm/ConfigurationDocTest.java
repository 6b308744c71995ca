package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.cli.RunCommand;
import ai.litellm.operator.config.ConfigReference;
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
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md covers every setting of the operator (a table generated from config/Settings: regenerate with
 * {@code -Dconfiguration.doc.update=true}), every other option of `litellm-operator run`, and every Helm value.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("docs", "configuration.md");
  private static final String BEGIN = "<!-- BEGIN GENERATED FLAGS -->\n";
  private static final String END = "<!-- END GENERATED FLAGS -->";

  @Test
  void flagTableMatchesTheSettingsTable() throws IOException {
    String doc = Files.readString(DOC);
    Matcher m = Pattern.compile(Pattern.quote(BEGIN) + "(.*?)" + Pattern.quote(END), Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/configuration.md has no generated flag table");
    String expected = ConfigReference.markdown();
    if (Boolean.getBoolean("configuration.doc.update")) {
      Files.writeString(DOC, doc.substring(0, m.start(1)) + expected + doc.substring(m.end(1)));
      return;
    }
    assertEquals(expected, m.group(1), "the flag table is stale; regenerate with -Dconfiguration.doc.update=true "
        + "or `litellm-operator config-reference`");
  }

  @Test
  void everyOptionOfRunIsDocumented() throws IOException {
    String doc = Files.readString(DOC);
    CommandSpec run = new CommandLine(new RunCommand()).getCommandSpec();
    List<String> missing = run.options().stream().map(OptionSpec::longestName)
        .filter(name -> !List.of("--help", "--version").contains(name) && !doc.contains("`" + name + "`")).toList();
    assertEquals(List.of(), missing, "options of `run` not described in docs/configuration.md");
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
