package ai.litellm.operator.it;

import ai.litellm.operator.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code kubectl get llmm -o wide} prints for a Model of the sandbox (the CRD's printer columns, as the API
 * server renders them): a test reads the same Ready and Reason columns a user does. Null when kubectl is not installed.
 */
final class KubectlGet {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  private KubectlGet() {}

  static boolean available() {
    return Files.isExecutable(KUBECTL);
  }

  /** The Model's row of {@code kubectl get llmm <name> -n <ns> -o wide}, header first. */
  static String modelWide(Sandbox sandbox, String namespace, String name) {
    try {
      Path dir = Files.createTempDirectory("kubectl-get");
      Path kubeconfig = sandbox.apiServer().writeKubeconfig(dir.resolve("kubeconfig"));
      Path out = dir.resolve("out");
      Process p = new ProcessBuilder(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "--cache-dir",
          dir.resolve("cache").toString(), "--request-timeout", "60s", "get", "llmm", name, "-n", namespace, "-o",
          "wide")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl get did not finish");
      }
      return Files.readString(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether the Model's row shows {@code ready} in the Ready column and {@code reason} in the Reason column. */
  static boolean shows(String output, String name, String ready, String reason) {
    return output.lines().anyMatch(l -> {
      List<String> cols = List.of(l.trim().split("\\s+"));
      return !cols.isEmpty() && cols.get(0).equals(name) && cols.contains(ready) && cols.contains(reason);
    });
  }
}
