package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl ({@code /usr/bin/kubectl}) against a real control plane, as the admin: what a user types and what
 * it prints (stdout and stderr together, as on a terminal).
 */
final class Kubectl {
  static final Path BINARY = Path.of("/usr/bin/kubectl");

  /** What one kubectl command printed and how it exited. */
  record Result(int exitCode, String output) {}

  private Kubectl() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Runs kubectl with {@code args}, feeding {@code stdin} (may be null), and waits up to 2 minutes. */
  static Result run(RealControlPlane plane, String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig",
        plane.kubeconfigPath().toString(), "--cache-dir", plane.runDir().resolve("kubectl-cache").toString(),
        "--request-timeout", "60s"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs kubectl and asserts it succeeded; returns what it printed. */
  static String ok(RealControlPlane plane, String... args) {
    Result r = run(plane, null, args);
    assertEquals(0, r.exitCode(), "kubectl " + String.join(" ", args) + ": " + r.output());
    return r.output();
  }
}
