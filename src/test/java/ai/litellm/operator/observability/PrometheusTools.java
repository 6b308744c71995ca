package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds Debian's prometheus / promtool ({@code apt-get install -y prometheus}). Missing binaries fail the test when
 * {@code CI=true} (CI must never silently lose these checks) and skip it loudly otherwise.
 */
final class PrometheusTools {
  static final Path PROMETHEUS = Path.of(System.getenv().getOrDefault("LITELLM_PROMETHEUS", "/usr/bin/prometheus"));
  static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("LITELLM_PROMTOOL", "/usr/bin/promtool"));

  private PrometheusTools() {}

  static Path require(Path binary) {
    return require(binary, System.getenv());
  }

  static Path require(Path binary, Map<String, String> env) {
    if (Files.isExecutable(binary)) {
      return binary;
    }
    String message = binary + " not found: install Debian's Prometheus with `apt-get install -y prometheus` "
        + "(it ships prometheus and promtool; stop the service it may start)";
    if ("true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
      fail("CI=true: refusing to skip. " + message);
    }
    System.err.println("SKIPPED observability check: " + message);
    assumeTrue(false, message);
    return binary;
  }

  /** The repository root (tests run with the module directory as working directory). */
  static Path repo() {
    return Path.of("").toAbsolutePath();
  }
}
