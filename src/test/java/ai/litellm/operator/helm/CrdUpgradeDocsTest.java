package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.DocumentedCrdUpgrade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every server-side `kubectl apply` a user is shown (README, docs/, the chart's NOTES.txt) uses the flags of the CRD
 * upgrade command of docs/operations.md, the one realcluster.CrdUpgradeRealClusterTest runs after a real helm install.
 */
class CrdUpgradeDocsTest {
  private static final Pattern SERVER_SIDE_APPLY = Pattern.compile("kubectl apply ((?:--[\\w-]+(?:=\\S+)? )+)-f ");

  @Test
  void everyShownServerSideApplyUsesTheTestedFlags() throws IOException {
    List<String> tested = DocumentedCrdUpgrade.flags();
    assertTrue(tested.contains("--server-side") && tested.contains("--force-conflicts"), tested.toString());
    int checked = 0;
    for (Path file : userFacingFiles()) {
      Matcher m = SERVER_SIDE_APPLY.matcher(Files.readString(file));
      while (m.find()) {
        List<String> flags = List.of(m.group(1).trim().split(" "));
        if (flags.contains("--server-side")) {
          assertEquals(tested, flags, file + ": " + m.group());
          checked++;
        }
      }
    }
    // operations.md (chart directory and image), README, runbooks, NOTES.txt (two).
    assertTrue(checked >= 6, "server-side applies found: " + checked);
  }

  private static List<Path> userFacingFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), HelmChart.DIR.resolve("templates/NOTES.txt")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }
}
