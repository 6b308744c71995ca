package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's copies of the dashboards and alert rules equal the originals: edit the originals, then copy them with
 * {@code cp dashboards/*.json helm/litellm-operator/files/dashboards/ && cp dashboards/alerts/litellm-operator-rules.yaml
 * helm/litellm-operator/files/alerts/}. Where the originals are absent (a branch without the observability files) there
 * is nothing to compare against and the tests are skipped.
 */
class ChartCopiesTest {

  @Test
  void chartShipsEveryDashboardAndNoOther() {
    assumeTrue(Files.isDirectory(ChartCopies.DASHBOARDS), "no dashboards/ directory on this branch");
    assertEquals(names(ChartCopies.dashboardsIn(ChartCopies.DASHBOARDS)),
        names(ChartCopies.dashboardsIn(ChartCopies.DASHBOARD_COPIES)),
        "dashboards/*.json and helm/litellm-operator/files/dashboards/*.json differ in names");
  }

  @Test
  void dashboardCopiesEqualTheOriginals() throws IOException {
    assumeTrue(Files.isDirectory(ChartCopies.DASHBOARDS), "no dashboards/ directory on this branch");
    for (Path copy : ChartCopies.dashboardsIn(ChartCopies.DASHBOARD_COPIES)) {
      Path original = ChartCopies.DASHBOARDS.resolve(copy.getFileName());
      assertTrue(Files.exists(original), copy + " has no original in dashboards/");
      assertEquals(Files.readString(original), Files.readString(copy), copy + " is stale");
    }
  }

  @Test
  void alertRulesCopyEqualsTheOriginal() throws IOException {
    assumeTrue(Files.isDirectory(ChartCopies.DASHBOARDS), "no dashboards/ directory on this branch");
    assertEquals(Files.exists(ChartCopies.ALERT_RULES), Files.exists(ChartCopies.ALERT_RULES_COPY),
        ChartCopies.ALERT_RULES + " and its chart copy " + ChartCopies.ALERT_RULES_COPY + " must both exist or neither");
    if (Files.exists(ChartCopies.ALERT_RULES)) {
      assertEquals(Files.readString(ChartCopies.ALERT_RULES), Files.readString(ChartCopies.ALERT_RULES_COPY),
          ChartCopies.ALERT_RULES_COPY + " is stale");
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}
