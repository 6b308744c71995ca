package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.cli.RenderCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline `render` command over docs/examples: golden output, no secret values, exit code 2 on bad input. */
class RenderCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RenderCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void rendersInstanceWithoutSecretValues() throws Exception {
    Run run = run("-f", "docs/examples/litellm-instance.yaml", "--secrets", "docs/examples/secrets.yaml",
        "--ingress-class", "nginx");
    assertEquals(0, run.exit(), run.err());
    Golden.assertMatches("render-cli-instance.yaml", run.out());
    String secrets = Files.readString(Path.of("docs/examples/secrets.yaml"));
    for (String value : new String[] {"example-db-password", "example-redis-password", "sk-example-azure"}) {
      assertTrue(secrets.contains(value));
      assertFalse(run.out().contains(value));
    }
    assertTrue(run.out().contains("masterkey: \"<generated at apply time>\""));
  }

  @Test
  void rendersModelsWithCredentialsRedacted() {
    Run run = run("-f", "docs/examples/model-secret-ref.yaml", "--secrets", "docs/examples/secrets.yaml");
    assertEquals(0, run.exit(), run.err());
    Golden.assertMatches("render-cli-model-secret-ref.yaml", run.out());
    assertFalse(run.out().contains("sk-example-aws-secret"));
    assertFalse(run.out().contains("AKIAEXAMPLE"));
  }

  @Test
  void invalidInputExitsWithTwoAndNamesTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: Model
        metadata: {name: m, namespace: ai}
        spec:
          connectionRef: {instanceRef: {name: x}}
          modelName: m
          litellmParams: {inputCostPerToken: "cheap"}
        """);
    Run run = run("-f", bad.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("spec.litellmParams.model is required"), run.err());
  }

  @Test
  void missingModelSecretExitsWithTwo() {
    Run run = run("-f", "docs/examples/model-instance-ref.yaml");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("anthropic-credentials"), run.err());
  }
}
