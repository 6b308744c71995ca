package ai.litellm.operator.helm;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Chart.yaml, read as data. */
final class ChartMetadata {
  private ChartMetadata() {}

  static Map<String, Object> chartYaml() {
    try {
      return new KubernetesSerialization().unmarshal(Files.readString(HelmChart.DIR.resolve("Chart.yaml")), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String appVersion() {
    return String.valueOf(chartYaml().get("appVersion"));
  }
}
