package ai.litellm.operator.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The observability files the chart ships as copies: Helm reads only files inside the chart directory, while the
 * originals live at the top of the repository (dashboards/, dashboards/alerts/) where Grafana and promtool use them.
 */
final class ChartCopies {
  static final Path DASHBOARDS = Path.of("dashboards");
  static final Path DASHBOARD_COPIES = HelmChart.DIR.resolve("files/dashboards");
  static final Path ALERT_RULES = Path.of("dashboards/alerts/litellm-operator-rules.yaml");
  static final Path ALERT_RULES_COPY = HelmChart.DIR.resolve("files/alerts/litellm-operator-rules.yaml");

  private ChartCopies() {}

  /** The *.json files directly in {@code dir} (none when it does not exist), sorted by name. */
  static List<Path> dashboardsIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean fileFeaturesShipped() {
    return Files.isRegularFile(ALERT_RULES_COPY) && !dashboardsIn(DASHBOARD_COPIES).isEmpty();
  }
}
