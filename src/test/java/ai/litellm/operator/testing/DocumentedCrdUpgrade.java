package ai.litellm.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRD upgrade command as docs/operations.md ("Upgrading", step 1) tells users to run it: the one place tests read
 * it from, so the real-cluster test runs exactly what the docs say and the other copies (NOTES.txt, runbooks) are
 * checked against it.
 */
public final class DocumentedCrdUpgrade {
  public static final Path OPERATIONS = Path.of("docs", "operations.md");
  /** The chart's CRD directory as the documented command names it. */
  public static final String CHART_CRDS = "helm/litellm-operator/crds/";

  private DocumentedCrdUpgrade() {}

  /** The documented command's words, e.g. {@code [kubectl, apply, --server-side, ..., -f, helm/.../crds/]}. */
  public static List<String> fromChartDirectory() {
    String line = upgradingSection().lines().map(String::trim)
        .filter(l -> l.startsWith("kubectl apply ") && l.endsWith(" " + CHART_CRDS))
        .findFirst()
        .orElseThrow(() -> new AssertionError(OPERATIONS + " has no `kubectl apply ... " + CHART_CRDS + "` line"));
    return List.of(line.split("\\s+"));
  }

  /** The flags of the documented command, between {@code kubectl apply} and {@code -f}. */
  public static List<String> flags() {
    List<String> words = fromChartDirectory();
    return words.subList(2, words.indexOf("-f"));
  }

  /** The documented command with the chart's CRD directory replaced by {@code crds}, run with {@code kubectl}. */
  public static List<String> against(Path kubectl, List<String> connection, Path crds) {
    List<String> words = fromChartDirectory();
    List<String> command = new ArrayList<>();
    command.add(kubectl.toString());
    command.addAll(connection);
    for (String word : words.subList(1, words.size())) {
      command.add(word.equals(CHART_CRDS) ? crds.toString() : word);
    }
    return command;
  }

  private static String upgradingSection() {
    try {
      String doc = Files.readString(OPERATIONS);
      int start = doc.indexOf("\n## Upgrading");
      if (start < 0) {
        throw new AssertionError(OPERATIONS + " has no Upgrading section");
      }
      int end = doc.indexOf("\n## ", start + 1);
      return doc.substring(start, end < 0 ? doc.length() : end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
