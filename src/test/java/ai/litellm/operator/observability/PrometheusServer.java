package ai.litellm.operator.observability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's 2.42) on loopback for one test: a temp config that scrapes one target every second and
 * evaluates the given rule files every second, a temp TSDB, and the HTTP API for queries. The process is ours: close()
 * stops exactly it and deletes its directory.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * @param target       host:port of the /metrics endpoint
   * @param targetLabels static labels of the target (namespace and pod, as Kubernetes service discovery would add)
   * @param ruleFiles    rule files to load and evaluate
   */
  static PrometheusServer start(Path binary, String target, List<String> targetLabels, List<Path> ruleFiles)
      throws IOException {
    return start(binary, java.util.Map.of(target, targetLabels), ruleFiles);
  }

  /**
   * @param targets   host:port of each /metrics endpoint, with its static labels (namespace and pod, as Kubernetes
   *                  service discovery would add): one job, several pods
   * @param ruleFiles rule files to load and evaluate
   */
  static PrometheusServer start(Path binary, java.util.Map<String, List<String>> targets, List<Path> ruleFiles)
      throws IOException {
    Path dir = Files.createTempDirectory("prometheus-it");
    int port = freePort();
    StringBuilder cfg = new StringBuilder()
        .append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n")
        .append("rule_files:\n");
    for (Path f : ruleFiles) {
      cfg.append("  - '").append(f.toAbsolutePath()).append("'\n");
    }
    cfg.append("scrape_configs:\n  - job_name: litellm-operator\n    metrics_path: /metrics\n")
        .append("    static_configs:\n");
    targets.forEach((target, labels) -> {
      cfg.append("      - targets: ['").append(target).append("']\n        labels:\n");
      for (String l : labels) {
        int eq = l.indexOf('=');
        cfg.append("          ").append(l, 0, eq).append(": '").append(l.substring(eq + 1)).append("'\n");
      }
    });
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, cfg.toString());
    Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.retention.time=1h", "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    return new PrometheusServer(p, dir, port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  boolean ready() {
    try {
      return process.isAlive() && get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Health of every active target ("up", "down", "unknown"). */
  List<String> targetHealth() {
    JsonArray targets = json("/api/v1/targets").getJsonObject("data").getJsonArray("activeTargets");
    return targets.stream().map(t -> ((JsonObject) t).getString("health")).toList();
  }

  /** An instant query: the whole API answer (status, data.result or errorType/error). */
  JsonObject query(String promql) {
    return json("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** The loaded rule groups (/api/v1/rules). */
  JsonObject rules() {
    return json("/api/v1/rules");
  }

  /** Active (pending or firing) alerts. */
  JsonArray alerts() {
    return json("/api/v1/alerts").getJsonObject("data").getJsonArray("alerts");
  }

  String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private JsonObject json(String path) {
    try {
      return new JsonObject(get(path).body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory: best effort
    }
  }
}
