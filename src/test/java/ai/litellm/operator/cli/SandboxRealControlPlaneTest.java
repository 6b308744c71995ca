package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Kubectl;
import ai.litellm.operator.testing.realcluster.RealCluster;
import ai.litellm.operator.testing.realcluster.RealClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sandbox` on a real kube-apiserver (issue #16.7a), run from the jar as a user runs it and used with the installed
 * kubectl: what the embedded server could not do (a `kind: List`, `explain`, Events in `describe`, the schema's 422)
 * works, a Model becomes Ready through the fake proxy while the real Deployment controller decides its instance's
 * availability, and stopping leaves no process and no run directory behind.
 */
@Tag(RealCluster.TAG)
class SandboxRealControlPlaneTest {
  /** Start-up on a loaded 2-core machine: the control plane alone takes 10-60 s. */
  private static final Duration START = Duration.ofMinutes(5);
  private static final Duration WAIT = Duration.ofMinutes(3);

  private static final String LIST = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: litellm.litellm.ai/v1alpha1
        kind: Model
        metadata:
          name: orphan
          namespace: litellm-quickstart
        spec:
          modelName: orphan
          connectionRef:
            instanceRef:
              name: no-such-instance
          litellmParams:
            model: openai/mock
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: listed
          namespace: litellm-quickstart
        data:
          a: b
      """;

  private static final String NEGATIVE_COST = """
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: Model
      metadata:
        name: negative-cost
        namespace: litellm-quickstart
      spec:
        modelName: negative-cost
        connectionRef:
          instanceRef:
            name: quickstart
        litellmParams:
          model: openai/mock
          inputCostPerToken: "-0.5"
      """;

  @TempDir Path tmp;

  @BeforeEach
  void requireBinaries() {
    new RealClusterExtension().requireBinaries(getClass(), RealControlPlane.binaries().isPresent());
  }

  @Test
  void kubectlMeetsARealApiServerAndStoppingLeavesNothingBehind() throws Exception {
    Path kubeconfig = tmp.resolve("sandbox.kubeconfig");
    Path out = tmp.resolve("stdout");
    Process sandbox = CliProcess.start(Map.of(), out, tmp.resolve("stderr"), "sandbox", "--real-control-plane",
        "--duration", "20m", "--management-port", "0", "--kubeconfig-out", kubeconfig.toString(), "--examples",
        "docs/examples/quickstart");
    try {
      awaitLine(sandbox, out, "Try: kubectl");
      String banner = Files.readString(out);
      assertTrue(banner.contains("Kubernetes API server: https://127.0.0.1:"), banner);
      assertTrue(banner.contains("real kube-apiserver v1.20.2"), banner);
      assertTrue(banner.contains("applied 7 objects from docs/examples/quickstart"), banner);
      Path runDir = Path.of(line(banner, "control plane files:").split("\\s+")[3]);
      assertTrue(Files.isDirectory(runDir), banner);
      List<ProcessHandle> children = sandbox.descendants().toList();
      assertTrue(children.size() >= 3, "etcd, kube-apiserver, kube-controller-manager: " + children);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));

      Kubectl kubectl = new Kubectl(kubeconfig, tmp);
      Kubectl.Result create = kubectl.run("create", "-f", Files.writeString(tmp.resolve("list.yaml"), LIST).toString());
      assertEquals(0, create.code(), create.output());
      assertTrue(create.output().contains("model.litellm.litellm.ai/orphan created"), create.output());
      assertTrue(create.output().contains("configmap/listed created"), create.output());

      Kubectl.Result explain = kubectl.run("explain", "models.spec");
      assertEquals(0, explain.code(), explain.output());
      assertTrue(explain.output().contains("connectionRef") && explain.output().contains("litellmParams"),
          explain.output());

      awaitKubectl(kubectl, "the quickstart Model Ready", o -> o.equals("True"), "get", "model",
          "quickstart-mock", "-n", "litellm-quickstart", "-o",
          "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
      // Events the operator recorded on the Model, found by kubectl through a field selector on involvedObject.
      awaitKubectl(kubectl, "the operator's Event in describe", o -> events(o).contains("InstanceNotFound")
          && events(o).contains(ai.litellm.operator.kube.EventRecorder.COMPONENT), "describe", "model", "orphan", "-n", "litellm-quickstart");

      Kubectl.Result invalid = kubectl.run("create", "-v=6", "-f",
          Files.writeString(tmp.resolve("negative.yaml"), NEGATIVE_COST).toString());
      assertTrue(invalid.code() != 0, invalid.output());
      assertTrue(invalid.output().contains("422 Unprocessable Entity"), invalid.output());
      assertTrue(invalid.output().contains("spec.litellmParams.inputCostPerToken"), invalid.output());

      sandbox.destroy(); // SIGTERM, as on a Ctrl-C or a kill
      assertTrue(sandbox.waitFor(2, TimeUnit.MINUTES), "the sandbox did not stop");
      assertTrue(Files.readString(out).strip().endsWith("sandbox stopped"), Files.readString(out));
      assertFalse(Files.exists(runDir), "run dir left behind: " + runDir);
      for (ProcessHandle child : children) {
        assertTrue(child.onExit().get(30, TimeUnit.SECONDS) != null && !child.isAlive(), "still running: " + child);
      }
    } finally {
      sandbox.destroyForcibly();
    }
  }

  /** Without a choice, a provisioned machine gets the real control plane; --duration ends it just as cleanly. */
  @Test
  void theRealControlPlaneIsTheDefaultWhenProvisioned() throws Exception {
    CliProcess r = CliProcess.run(Map.of(), null, "sandbox", "--duration", "1s", "--management-port", "0",
        "--kubeconfig-out", tmp.resolve("kc").toString());
    assertEquals(0, r.code(), r::toString);
    assertFalse(r.out().contains("notice:"), r::toString);
    assertTrue(r.out().contains("real kube-apiserver v1.20.2"), r::toString);
    Path runDir = Path.of(line(r.out(), "control plane files:").split("\\s+")[3]);
    assertFalse(Files.exists(runDir), r::toString);
    assertTrue(r.out().strip().endsWith("sandbox stopped"), r::toString);
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + text));
  }

  private static void awaitLine(Process p, Path out, String prefix) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (Files.readString(out).lines().noneMatch(l -> l.startsWith(prefix))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        fail("the sandbox did not start (alive: " + p.isAlive() + "):\n" + Files.readString(out) + "\n"
            + Files.readString(out.resolveSibling("stderr")));
      }
      Thread.sleep(500);
    }
  }

  /** The Events section of kubectl describe's output. */
  private static String events(String describe) {
    int at = describe.indexOf("\nEvents:");
    return at < 0 ? "" : describe.substring(at);
  }

  private static void awaitKubectl(Kubectl kubectl, String what, Predicate<String> expected, String... args)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Kubectl.Result last;
    while (!expected.test((last = kubectl.run(args)).output().strip())) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + WAIT + " waiting for " + what + "; last:\n" + last.output());
      }
      Thread.sleep(1000);
    }
  }
}
