package ai.litellm.operator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed kubectl against one kubeconfig, as a user runs it: what it printed (stdout and stderr together, as on
 * a terminal) and how it exited. Each instance has its own cache directory (discovery and OpenAPI are cached per
 * server URL, and test servers re-use ports). The one kubectl helper of the tests: the real-cluster tier, the sandbox
 * and the embedded API server's tests all read what a user would read.
 */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");
  private static final long TIMEOUT_SECONDS = 120;

  /** Exit code and what kubectl printed. */
  public record Result(int code, String output) {}

  private final Path kubeconfig;
  private final Path workDir;

  /** kubectl with {@code kubeconfig}; its cache and captured output go under {@code workDir}. */
  public Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** kubectl as the admin of a real control plane (its kubeconfig, a cache in its run directory). */
  public static Kubectl of(RealControlPlane plane) {
    return new Kubectl(plane.kubeconfigPath(), plane.runDir());
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** The flags that point kubectl at this cluster, for a command line built elsewhere (e.g. one read from the docs). */
  public List<String> connectionArgs() {
    return List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir", workDir.resolve("kubectl-cache").toString(),
        "--request-timeout", "60s");
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs kubectl with {@code args}, feeding {@code stdin} (null: none). */
  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(connectionArgs());
    command.addAll(List.of(args));
    return exec(command, stdin);
  }

  /** Runs kubectl and asserts it succeeded; returns what it printed. */
  public String ok(String... args) {
    Result r = run(args);
    assertEquals(0, r.code(), "kubectl " + String.join(" ", args) + ": " + r.output());
    return r.output();
  }

  /** Runs a whole command line (kubectl and its flags included), feeding {@code stdin} (null: none). */
  public Result exec(List<String> command, String stdin) {
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile(workDir, "kubectl", ".out");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      if (stdin != null) {
        pb.redirectInput(Files.writeString(Files.createTempFile(workDir, "kubectl", ".in"), stdin).toFile());
      }
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
            + "\n" + Files.readString(out));
      }
      Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      // Kept in the surefire output file: what kubectl printed is the first thing to read when a test fails.
      System.out.println(String.join(" ", command) + " -> exit " + result.code() + "\n" + result.output());
      return result;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The rows of a table kubectl printed ({@code kubectl get}), by their first column, each by column header. Cells are
   * cut at the header's column starts (kubectl aligns every cell there); lines before the header (warnings) are
   * skipped.
   */
  public static Map<String, Map<String, String>> table(String output) {
    List<String> lines = output.lines().dropWhile(l -> !l.startsWith("NAME ")).toList();
    if (lines.isEmpty()) {
      throw new AssertionError("no table in: " + output);
    }
    String header = lines.get(0);
    Matcher m = Pattern.compile("\\S+( \\S+)*").matcher(header); // a header may hold one space (MODEL ID)
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      names.add(m.group());
    }
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        int from = Math.min(starts.get(i), line.length());
        int to = i + 1 < names.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
        row.put(names.get(i), line.substring(from, to).trim());
      }
      rows.put(row.get(names.get(0)), row);
    }
    return rows;
  }
}
