package ai.litellm.operator.bench;

import ai.litellm.operator.cli.Main;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One {@code litellm-operator ...} command run in this JVM, its stdout captured and its last JSON line parsed. */
record BenchRun(int exitCode, String output, JsonObject json) {
  static BenchRun of(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = new CommandLine(new Main()).execute(args);
    } finally {
      System.setOut(original);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
        () -> new AssertionError("no JSON object in the output:\n" + out));
    return new BenchRun(code, out, new JsonObject(line));
  }

  /** The JSON line, for assertion messages. */
  String line() {
    return json.encode();
  }
}
