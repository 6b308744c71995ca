package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules file passes {@code promtool check rules}, its unit tests pass {@code promtool test rules}, every alert
 * has a test case, a severity and a runbook section, and each expr keeps the {@code <query> <op> <number>} form the
 * Prometheus integration test relies on.
 */
class PromtoolRulesTest {

  @Test
  void rulesFileIsValid() throws Exception {
    Path promtool = PrometheusTools.require(PrometheusTools.PROMTOOL);
    Result r = run(promtool.toString(), "check", "rules", ObservabilityFiles.RULES.toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("SUCCESS: " + ObservabilityFiles.alertRules().size() + " rules found"), r.output());
  }

  @Test
  void alertUnitTestsPass() throws Exception {
    Path promtool = PrometheusTools.require(PrometheusTools.PROMTOOL);
    List<String> cmd = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    ruleTests().forEach(p -> cmd.add(p.toString()));
    Result r = run(cmd.toArray(String[]::new));
    assertEquals(0, r.exit(), r.output());
    assertFalse(r.output().contains("FAILED"), r.output());
  }

  @Test
  void everyAlertHasAUnitTestASeverityAndARunbookSection() throws IOException {
    String tests = String.join("\n", ruleTests().stream().map(PromtoolRulesTest::read).toList());
    String runbooks = Files.readString(PrometheusTools.repo().resolve("docs/runbooks.md"));
    for (Map<String, Object> rule : ObservabilityFiles.alertRules()) {
      String name = (String) rule.get("alert");
      assertTrue(tests.contains("alertname: " + name), name + " has no promtool test case");
      @SuppressWarnings("unchecked")
      Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
      assertTrue(List.of("warning", "critical").contains(labels.get("severity")), name + " severity");
      @SuppressWarnings("unchecked")
      Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
      String anchor = name.toLowerCase();
      assertEquals("docs/runbooks.md#" + anchor, annotations.get("runbook_url"), name + " runbook_url");
      assertTrue(runbooks.contains("\n## " + name + "\n"), name + " has no '## " + name + "' section in docs/runbooks.md");
      assertTrue(PromQlThreshold.parse(String.valueOf(rule.get("expr")).trim()).isPresent(),
          name + ": expr must be '<query> <comparison> <number>'");
    }
  }

  private static List<Path> ruleTests() throws IOException {
    try (Stream<Path> s = Files.list(ObservabilityFiles.RULE_TESTS)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(files.isEmpty(), "no promtool tests in " + ObservabilityFiles.RULE_TESTS);
      return files;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool did not finish");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
