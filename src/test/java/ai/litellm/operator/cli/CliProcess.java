package ai.litellm.operator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * `litellm-operator` as a user runs it: a separate JVM, from target/litellm-operator.jar when it has been built
 * ({@code mvn -o -q -DskipTests package}) after the last compile, else from the test classpath with the jar's main
 * class. Exit code, stdout and stderr are captured.
 */
record CliProcess(int code, String out, String err) {
  static final Path JAR = Path.of("target", "litellm-operator.jar");

  static CliProcess run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      Process p = start(env, out, err, args);
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("litellm-operator " + String.join(" ", args) + " did not finish");
      }
      return new CliProcess(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts the command without waiting (a sandbox that runs while the test uses it); stdout and stderr to files. */
  static Process start(Map<String, String> env, Path out, Path err, String... args) throws IOException {
    List<String> cmd;
    if (jarIsCurrent()) {
      cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    } else {
      cmd = onTestClasspath(Main.class);
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("LITELLM_OPERATOR_") || k.equals("KUBECONFIG"));
    pb.environment().putAll(env);
    return pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  /** A JVM like this one running {@code mainClass} from the test classpath (add its arguments to the list). */
  static List<String> onTestClasspath(Class<?> mainClass) {
    return new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), mainClass.getName()));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar, unless it is older than the compiled classes (a stale jar would test yesterday's code). */
  private static boolean jarIsCurrent() throws IOException {
    Path mainClass = Path.of("target", "classes", Main.class.getName().replace('.', '/') + ".class");
    return Files.isRegularFile(JAR) && (!Files.isRegularFile(mainClass)
        || Files.getLastModifiedTime(JAR).compareTo(Files.getLastModifiedTime(mainClass)) >= 0);
  }

  static CliProcess run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), null, args);
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
