package ai.litellm.operator.it;

import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code kubectl get llmm -o wide} prints for a Model of the sandbox (the CRD's printer columns, as the API
 * server renders them): a test reads the same Ready and Reason columns a user does. Null when kubectl is not installed.
 */
final class KubectlGet {
  private KubectlGet() {}

  static boolean available() {
    return Kubectl.available();
  }

  /** The Model's row of {@code kubectl get llmm <name> -n <ns> -o wide}, header first. */
  static String modelWide(Sandbox sandbox, String namespace, String name) {
    try {
      Path dir = Files.createTempDirectory("kubectl-get");
      Path kubeconfig = sandbox.apiServer().writeKubeconfig(dir.resolve("kubeconfig"));
      return new Kubectl(kubeconfig, dir).run("get", "llmm", name, "-n", namespace, "-o", "wide").output();
    } catch (IOException e) {
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
