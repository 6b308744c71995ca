package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no Docker engine), so its structure is checked: a Maven build stage, a slim
 * JRE 17 runtime stage (the JVM the tests and benchmarks run on), a numeric non-root user, container-aware JVM flags,
 * OCI labels, nothing fetched by ADD, and the jar path the chart runs.
 */
class DockerfileTest {
  /** One instruction with its continuation lines joined; comments dropped. */
  record Instruction(String keyword, String args) {}

  private static List<Instruction> instructions;
  private static String text;

  @BeforeAll
  static void parse() throws IOException {
    text = Files.readString(Path.of("Dockerfile"));
    instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (current.isEmpty() && (l.isEmpty() || l.startsWith("#"))) {
        continue;
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      current.append(l);
      String full = current.toString().strip();
      current.setLength(0);
      int space = full.indexOf(' ');
      instructions.add(new Instruction(full.substring(0, space).toUpperCase(Locale.ROOT), full.substring(space + 1).strip()));
    }
  }

  private static List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The instructions after the last FROM: what the final image is made of. */
  private static List<Instruction> runtimeStage() {
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    return instructions.subList(lastFrom, instructions.size());
  }

  @Test
  void buildsWithMavenThenRunsOnAJre17() {
    List<Instruction> froms = all("FROM");
    assertEquals(2, froms.size(), "multi-stage: build, runtime");
    assertTrue(froms.get(0).args().startsWith("maven:3.9-eclipse-temurin-17 AS "), froms.get(0).args());
    assertTrue(froms.get(1).args().matches("eclipse-temurin:17-jre(-alpine)?( AS \\S+)?"), froms.get(1).args());
    assertTrue(all("RUN").stream().anyMatch(r -> r.args().contains("mvn -B -DskipTests package")));
    assertTrue(runtimeStage().stream().noneMatch(i -> i.keyword().equals("RUN") && i.args().contains("mvn")),
        "no build tools in the runtime stage");
  }

  @Test
  void runtimeCopiesOnlyTheShadedJarFromTheBuildStage() {
    List<Instruction> copies = runtimeStage().stream().filter(i -> i.keyword().equals("COPY")).toList();
    assertEquals(1, copies.size());
    String buildStage = all("FROM").get(0).args().replaceAll(".* AS ", "");
    assertTrue(copies.get(0).args().startsWith("--from=" + buildStage + " "), copies.get(0).args());
    assertTrue(copies.get(0).args().endsWith("target/litellm-operator.jar /app/litellm-operator.jar"));
  }

  @Test
  void runsAsANumericNonRootUser() {
    List<Instruction> users = all("USER");
    assertFalse(users.isEmpty());
    String user = users.get(users.size() - 1).args();
    assertTrue(user.matches("[0-9]+(:[0-9]+)?"), "numeric, so Kubernetes can verify runAsNonRoot: " + user);
    assertFalse(user.startsWith("0"), user);
    assertEquals("65532:65532", user, "the chart's podSecurityContext runs as 65532");
  }

  @Test
  void jvmIsContainerAware() {
    String env = runtimeStage().stream().filter(i -> i.keyword().equals("ENV")).map(Instruction::args)
        .filter(a -> a.startsWith("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow();
    assertTrue(env.contains("-XX:MaxRAMPercentage=75"), env);
    assertTrue(env.contains("-XX:+ExitOnOutOfMemoryError"), env);
    assertFalse(env.contains("-Xmx"), "a fixed heap ignores the container's memory limit");
    // The measured configuration (docs/performance.md): C1 only and the serial collector.
    assertTrue(env.contains("-XX:TieredStopAtLevel=1") && env.contains("-XX:+UseSerialGC"), env);
  }

  @Test
  void hasOciLabels() {
    String labels = String.join(" ", runtimeStage().stream().filter(i -> i.keyword().equals("LABEL"))
        .map(Instruction::args).toList());
    for (String key : List.of("title", "description", "version", "revision")) {
      assertTrue(labels.contains("org.opencontainers.image." + key + "="), key);
    }
  }

  @Test
  void fetchesNothingWithAdd() {
    assertTrue(all("ADD").stream().noneMatch(a -> a.args().matches("(?s).*\\b(https?|git)://.*")),
        "remote ADD is unverifiable; download in a RUN step with a checksum if ever needed");
  }

  @Test
  void exposesTheManagementPortAndDocumentsTheProbes() {
    assertEquals(List.of("8080"), all("EXPOSE").stream().map(Instruction::args).toList());
    boolean healthcheck = !all("HEALTHCHECK").isEmpty();
    assertTrue(healthcheck || (text.contains("/healthz") && text.contains("/readyz")),
        "either a HEALTHCHECK or a note on the Kubernetes probes");
  }

  @Test
  void entrypointRunsTheJarTheChartExpects() {
    assertEquals("[\"java\", \"-jar\", \"/app/litellm-operator.jar\"]", all("ENTRYPOINT").get(0).args());
    assertEquals("[\"run\"]", all("CMD").get(0).args());
  }
}
