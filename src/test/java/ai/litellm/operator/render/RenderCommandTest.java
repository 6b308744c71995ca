package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.cli.RenderCommand;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
    assertTrue(run.err().contains("spec.litellmParams.model: is required"), run.err());
    assertTrue(run.err().contains("spec.litellmParams.inputCostPerToken: does not match"), run.err());
  }

  /** render refuses what the API server refuses (issue #14 points 6 and 7), naming the field. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaRejections")
  void inputTheCrdSchemaRejectsExitsWithTwoAndNamesTheField(String field, String spec, @TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.yaml");
    boolean model = field.startsWith("spec.connectionRef") || field.startsWith("spec.litellmParams");
    Files.writeString(bad, "apiVersion: litellm.litellm.ai/v1alpha1\nkind: " + (model ? "Model" : "LiteLLMInstance")
        + "\nmetadata: {name: m, namespace: ai}\nspec: " + spec + "\n");
    Run run = run("-f", bad.toString());
    assertEquals(2, run.exit(), run.out());
    assertTrue(run.err().contains("is rejected by the " + (model ? "Model" : "LiteLLMInstance") + " CRD schema"),
        run.err());
    assertTrue(run.err().contains("\n  " + field + ": "), run.err());
  }

  static Stream<Arguments> schemaRejections() {
    String params = "litellmParams: {model: openai/gpt-4o";
    return Stream.of(
        Arguments.of("spec.connectionRef", "{connectionRef: {instanceRef: {name: p}, secretRef: {secretName: c}},"
            + " modelName: m, " + params + "}}"),
        Arguments.of("spec.litellmParams.configurableClientsideAuthParams", "{connectionRef: {instanceRef: {name: p}},"
            + " modelName: m, " + params + ", configurableClientsideAuthParams: {api_base: x}}}"),
        Arguments.of("spec.litellmParams.inputCostPerToken", "{connectionRef: {instanceRef: {name: p}},"
            + " modelName: m, " + params + ", inputCostPerToken: '-1'}}"),
        Arguments.of("spec.gateway", "{gateway: {enabled: true}}"),
        Arguments.of("spec.models[0].identifier", "{models: [{modelName: a, identifier: " + "i".repeat(201)
            + ", liteLLMParams: {model: openai/a}}]}"));
  }

  @Test
  void clientsideAuthParamsReachLiteLLMAsAList(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("model.yaml");
    Files.writeString(file, """
        apiVersion: litellm.litellm.ai/v1alpha1
        kind: Model
        metadata: {name: m, namespace: ai}
        spec:
          connectionRef: {instanceRef: {name: p}}
          modelName: m
          litellmParams:
            model: openai/gpt-4o
            configurableClientsideAuthParams: [api_key, {api_base: "https://.*\\\\.example\\\\.com"}]
        """);
    Run run = run("-f", file.toString());
    assertEquals(0, run.exit(), run.err());
    Map<?, ?> body = Serialization.unmarshal(run.out(), Map.class);
    assertEquals(List.of("api_key", Map.of("api_base", "https://.*\\.example\\.com")),
        ((Map<?, ?>) body.get("litellm_params")).get("configurable_clientside_auth_params"));
  }

  @Test
  void missingModelSecretExitsWithTwo() {
    Run run = run("-f", "docs/examples/model-instance-ref.yaml");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("anthropic-credentials"), run.err());
  }
}
