package ai.litellm.operator.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import java.io.IOException;
import java.io.OutputStream;
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

  /**
   * The rows of a table kubectl printed ({@code kubectl get}), by their first column, each by column header. Cells are
   * cut at the header's column starts (kubectl aligns every cell there); lines before the header (warnings) are
   * skipped.
   */
  static Map<String, Map<String, String>> table(String output) {
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

  /** Runs kubectl and asserts it succeeded; returns what it printed. */
  static String ok(RealControlPlane plane, String... args) {
    Result r = run(plane, null, args);
    assertEquals(0, r.exitCode(), "kubectl " + String.join(" ", args) + ": " + r.output());
    return r.output();
  }
}
