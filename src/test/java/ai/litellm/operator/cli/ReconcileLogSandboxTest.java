package ai.litellm.operator.cli;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-format json} on the sandbox, run as a user runs it (its own JVM): the lines one Model's reconcile logs
 * carry the same key, controller and reconcileId, and the Model's next reconcile has another id. The quickstart Model
 * is created on its instance's proxy (one reconcile), then moved to the sandbox's standalone proxy: the move is one
 * reconcile that logs two lines (the old copy deleted, the new one created).
 */
class ReconcileLogSandboxTest {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final String NS = "litellm-quickstart";
  private static final String MODEL = "quickstart-mock";
  private static final String KEY = NS + "/" + MODEL;

  @Test
  void theLinesOfOneReconcileShareItsIdAndTheNextReconcileHasAnother(@TempDir Path tmp) throws Exception {
    int standalonePort = freePort();
    Path kubeconfig = tmp.resolve("kubeconfig");
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    Process sandbox = start(out, err, "sandbox", "--log-format", "json", "--management-port", "0",
        "--kubeconfig-out", kubeconfig.toString(), "--examples", "docs/examples/quickstart",
        "--standalone-proxy-port", Integer.toString(standalonePort));
    try {
      eventually("the sandbox applied the examples", WAIT, () -> read(out).contains("Try: kubectl"),
          () -> read(out) + read(err));
      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        awaitReady(client, 1);
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("standalone").endMetadata()
            .withStringData(Map.of("url", "http://127.0.0.1:" + standalonePort, "masterkey", "sk-sandbox-master-key"))
            .build()).create();
        // A merge patch, as `kubectl patch` sends it: the operator may still write the Model's status after it
        // first shows Ready, so a read-modify-update may meet a newer resourceVersion (409, seen in CI).
        client.resources(Model.class).inNamespace(NS).withName(MODEL).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"connectionRef\":{\"instanceRef\":null,\"secretRef\":{\"secretName\":\"standalone\"}}}}");
        awaitReady(client, 2);
      }
    } finally {
      sandbox.destroy();
      if (!sandbox.waitFor(1, TimeUnit.MINUTES)) {
        sandbox.destroyForcibly();
      }
    }

    List<JsonObject> records = read(err).lines().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    List<JsonObject> ofModel = records.stream()
        .filter(r -> KEY.equals(r.getString("key")) && r.getString("logger").endsWith(".ModelReconciler")).toList();
    String all = ofModel.stream().map(JsonObject::encode).collect(Collectors.joining("\n"));
    for (JsonObject r : ofModel) {
      assertEquals("model", r.getString("controller"), r.encode());
      assertTrue(r.getString("reconcileId") != null && !r.getString("reconcileId").isBlank(), r.encode());
    }
    JsonObject created = one(ofModel, "created in LiteLLM", "via LiteLLMInstance " + NS + "/quickstart", all);
    JsonObject moved = one(ofModel, "moved to Secret " + NS + "/standalone", "is deleted", all);
    JsonObject createdThere = one(ofModel, "created in LiteLLM", "via Secret " + NS + "/standalone", all);
    assertEquals(moved.getString("reconcileId"), createdThere.getString("reconcileId"),
        "the move's two lines are one reconcile:\n" + all);
    assertNotEquals(created.getString("reconcileId"), moved.getString("reconcileId"),
        "the create and the move are two reconciles:\n" + all);

    // Whatever logged it, the lines of one reconcile are about one key of one controller.
    Map<String, Set<String>> keysOfRun = records.stream().filter(r -> r.containsKey("reconcileId"))
        .collect(Collectors.groupingBy(r -> r.getString("controller") + "#" + r.getString("reconcileId"),
            Collectors.mapping(r -> r.getString("key"), Collectors.toSet())));
    assertTrue(keysOfRun.size() >= 2, keysOfRun::toString);
    keysOfRun.forEach((run, keys) -> assertEquals(1, keys.size(), run + " logged about " + keys));
  }

  private static JsonObject one(List<JsonObject> records, String part, String otherPart, String all) {
    List<JsonObject> found = records.stream()
        .filter(r -> r.getString("message").contains(part) && r.getString("message").contains(otherPart)).toList();
    assertEquals(1, found.size(), "one line with '" + part + "' and '" + otherPart + "':\n" + all);
    return found.get(0);
  }

  private static void awaitReady(KubernetesClient client, long generation) {
    eventually("Model " + KEY + " Ready at generation " + generation, WAIT, () -> {
      Model m = client.resources(Model.class).inNamespace(NS).withName(MODEL).get();
      return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready")
          && Long.valueOf(generation).equals(m.getMetadata().getGeneration())
          && Long.valueOf(generation).equals(m.getStatus().observedGeneration);
    });
  }

  /** `litellm-operator ARGS` in its own JVM (the test classpath, as CliProcess runs it without a current jar). */
  private static Process start(Path out, Path err, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LITELLM_OPERATOR_") || k.equals("KUBECONFIG"));
    return pb.start();
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
