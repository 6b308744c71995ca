package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI fails like a kubectl plugin, not like a Java program (issue #16): run as a separate process. */
class CliFirstDayTest {

  private static void noStackTrace(CliProcess r) {
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
  }

  @Test
  void debugLogLevelRunsEveryCommandAndABadLevelIsOneWarning() throws Exception {
    for (String level : List.of("debug", "DEBUG", "warn", "error")) {
      CliProcess r = CliProcess.run(Map.of("LITELLM_OPERATOR_LOG_LEVEL", level), null, "version");
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().startsWith("litellm-operator "), r::toString);
      noStackTrace(r);
    }
    CliProcess bad = CliProcess.run(Map.of("LITELLM_OPERATOR_LOG_LEVEL", "verbose"), null, "version");
    assertEquals(0, bad.code(), bad::toString);
    assertEquals(1, bad.err().strip().lines().count(), bad::toString);
    assertTrue(bad.err().contains("'verbose' is not one of debug, info, warn, error"), bad::toString);
  }

  /** A bad choice is refused by the parser, before anything talks to a cluster. */
  @Test
  void enumChoicesAreCheckedAtParseTimeWithExitCode2() throws Exception {
    for (List<String> args : List.of(List.of("run", "--sharding", "rings"), List.of("run", "--log-level", "verbose"),
        List.of("sandbox", "--log-format", "logfmt"))) {
      CliProcess r = CliProcess.run(Map.of("HOME", "/nonexistent-home"), null, args.toArray(String[]::new));
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.err().strip().lines().count(), r::toString);
      assertTrue(r.err().contains(args.get(2)) && r.err().contains(args.get(1)), r::toString);
      noStackTrace(r);
    }
  }

  @Test
  void aMissingKubeconfigIsOneLineWithExitCode3() throws Exception {
    CliProcess r = CliProcess.run("run", "--kubeconfig", "/nonexistent/kubeconfig");
    assertEquals(3, r.code(), r::toString);
    assertEquals("error: kubeconfig /nonexistent/kubeconfig does not exist or cannot be read", r.err().strip(),
        r::toString);
    // KUBECONFIG naming no readable file: fabric8 would fall back to in-cluster settings and blame
    // https://kubernetes.default.svc, which is not what is wrong.
    CliProcess env = CliProcess.run(Map.of("HOME", "/nonexistent-home", "KUBECONFIG", "/nonexistent/a:/nonexistent/b"),
        null, "run");
    assertEquals(3, env.code(), env::toString);
    assertEquals("error: kubeconfig /nonexistent/a:/nonexistent/b (KUBECONFIG) does not exist or cannot be read",
        env.err().strip(), env::toString);
    CliProcess none = CliProcess.run(Map.of("HOME", "/nonexistent-home"), null, "run");
    assertEquals(3, none.code(), none::toString);
    assertTrue(none.err().strip().startsWith("error: no kubeconfig:"), none::toString);
    noStackTrace(none);
  }

  @Test
  void anUnreachableClusterNamesTheServerUrlInOneLine(@TempDir Path tmp) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.formatted(port));
    CliProcess r = CliProcess.run("run", "--kubeconfig", kubeconfig.toString());
    assertEquals(3, r.code(), r::toString);
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, errors.size(), r::toString);
    assertTrue(errors.get(0).startsWith("error: cannot reach the Kubernetes API server at https://127.0.0.1:" + port),
        r::toString);
    assertTrue(errors.get(0).contains("Connection refused") && errors.get(0).contains(kubeconfig.toString()),
        r::toString);
    assertTrue(r.err().lines().count() <= 3, r::toString);
    assertFalse(r.err().contains("Gateway"), r::toString);
    noStackTrace(r);
  }

  @Test
  void helpShowsDefaultsExitCodesAndLogLevels() throws Exception {
    CliProcess r = CliProcess.run("run", "--help");
    assertEquals(0, r.code(), r::toString);
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--partitions=N Partitions of the Model topic (keys are ordered within a partition). "
        + "Env: LITELLM_OPERATOR_PARTITIONS. Default: 16"), help);
    assertTrue(help.contains("--log-level=debug|info|warn|error"), help);
    assertTrue(help.contains("Default: info"), help);
    assertTrue(help.contains("Exit codes:") && help.contains("3 the cluster cannot be reached"), help);
    assertFalse(help.contains("Default: ."), "no empty defaults: " + help);
  }

  @Test
  void renderTakesTheSameFlagsAsRunAndReadsStdinAndDirectories() throws Exception {
    String model = Files.readString(Path.of("docs/examples/quickstart/30-model.yaml"));
    CliProcess stdin = CliProcess.run(Map.of(), model, "render", "-f", "-", "--install-id", "cluster-a");
    assertEquals(0, stdin.code(), stdin::toString);
    assertTrue(stdin.out().contains("model_name: \"quickstart-mock\""), stdin::toString);
    assertTrue(stdin.out().contains("cluster-a"), stdin::toString);

    CliProcess dir = CliProcess.run("render", "-f", "docs/examples/quickstart", "--ingress-class", "nginx");
    assertEquals(0, dir.code(), dir::toString);
    assertTrue(dir.out().contains("name: \"quickstart-deployment\"") || dir.out().contains("name: quickstart-deployment"),
        dir::toString);
    assertTrue(dir.err().contains("00-namespace.yaml: skipped Namespace"), dir::toString);
    assertTrue(dir.err().contains("10-postgres.yaml: skipped Deployment, Service"), dir::toString);

    CliProcess badFlag = CliProcess.run("render", "-f", "-", "--gateway-name", "x");
    assertEquals(2, badFlag.code(), badFlag::toString);
    assertEquals(1, badFlag.err().strip().lines().count(), badFlag::toString);
  }

  /** --log-format json: every stderr line of a whole sandbox start is one JSON object; no third-party start noise. */
  @Test
  void jsonLogsAreOneObjectPerLineWithoutStartupNoise(@TempDir Path tmp) throws Exception {
    CliProcess r = CliProcess.run(Map.of(), null, "sandbox", "--embedded", "--log-format", "json", "--duration", "3s",
        "--management-port", "0", "--kubeconfig-out", tmp.resolve("kc").toString(), "--examples",
        "docs/examples/quickstart");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() >= 3, r::toString);
    for (String line : lines) {
      JsonObject record = new JsonObject(line);
      assertTrue(record.containsKey("time") && record.containsKey("level") && record.containsKey("message"), line);
    }
    assertFalse(r.err().contains("already registered"), r::toString);
    assertFalse(r.err().contains("unstable version"), r::toString);
  }
}
