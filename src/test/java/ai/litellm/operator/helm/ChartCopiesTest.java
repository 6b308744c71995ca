package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's copies of the dashboards and alert rules equal the originals: edit the originals, then copy them with
 * {@code cp dashboards/*.json helm/litellm-operator/files/dashboards/ && cp dashboards/alerts/litellm-operator-rules.yaml
 * helm/litellm-operator/files/alerts/}.
 */
class ChartCopiesTest {

  @Test
  void chartShipsEveryDashboardAndNoOther() {
    assertEquals(names(ChartCopies.dashboardsIn(ChartCopies.DASHBOARDS)),
        names(ChartCopies.dashboardsIn(ChartCopies.DASHBOARD_COPIES)),
        "dashboards/*.json and helm/litellm-operator/files/dashboards/*.json differ in names");
  }

  @Test
  void dashboardCopiesEqualTheOriginals() throws IOException {
    for (Path copy : ChartCopies.dashboardsIn(ChartCopies.DASHBOARD_COPIES)) {
      Path original = ChartCopies.DASHBOARDS.resolve(copy.getFileName());
      if (Files.exists(original)) {
        assertEquals(Files.readString(original), Files.readString(copy), copy + " is stale");
      }
    }
  }

  @Test
  void alertRulesCopyEqualsTheOriginal() throws IOException {
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
