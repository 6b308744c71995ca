package ai.litellm.operator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The installed kubectl against one kubeconfig, as a user runs it: stdout and stderr together, with a private cache
 * directory (discovery and OpenAPI are cached per server URL; ports are re-used between runs).
 */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");

  /** Exit code and what kubectl printed, after the command line that printed it. */
  public record Result(int code, String output) {}

  private final Path kubeconfig;
  private final Path workDir;

  public Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", workDir.resolve("kubectl-cache").toString(), "--request-timeout", "60s"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "kubectl", ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + String.join(" ", args) + "\n" + Files.readString(out));
    }
    Result result = new Result(p.exitValue(), "kubectl " + String.join(" ", args) + " ->\n"
        + Files.readString(out, StandardCharsets.UTF_8));
    // Kept in the surefire output file: what kubectl printed is the first thing to read when a test fails.
    System.out.println(result.output());
    return result;
  }
}
