package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which API server `sandbox` starts (issue #16.7a), run as a user runs it: without the control-plane binaries the
 * default is the embedded server, with one notice saying how to provision the real one; asking for the real one then
 * is a one-line error. (With the binaries: SandboxRealControlPlaneTest.)
 */
class SandboxApiServerChoiceTest {
  /** The provision cache moved somewhere empty, and no bin dir override: nothing is provisioned. */
  private static final Map<String, String> NOT_PROVISIONED =
      Map.of("LITELLM_CP_BIN_DIR", "", "LITELLM_CP_CACHE", "/nonexistent/cp-cache");

  @Test
  void withoutBinariesTheDefaultIsTheEmbeddedServerWithANotice(@TempDir Path tmp) throws Exception {
    CliProcess r = CliProcess.run(NOT_PROVISIONED, null, "sandbox", "--duration", "1s", "--management-port", "0",
        "--kubeconfig-out", tmp.resolve("kc").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> notices = r.out().lines().filter(l -> l.startsWith("notice:")).toList();
    assertEquals(1, notices.size(), r::toString);
    assertTrue(notices.get(0).contains("/nonexistent/cp-cache/v1.20.2/bin"), r::toString);
    assertTrue(notices.get(0).contains("bash src/main/resources/control-plane/provision.sh"), r::toString);
    assertTrue(r.out().contains("Kubernetes API server: http://127.0.0.1:"), r::toString);
    assertTrue(r.out().contains("(embedded"), r::toString);
    assertTrue(Files.readString(tmp.resolve("kc")).contains("server: http://127.0.0.1:"), r::toString);
    assertTrue(r.out().strip().endsWith("sandbox stopped"), r::toString);
  }

  @Test
  void embeddedOnRequestNeedsNoNotice(@TempDir Path tmp) throws Exception {
    CliProcess r = CliProcess.run(Map.of(), null, "sandbox", "--embedded", "--duration", "1s", "--management-port",
        "0", "--kubeconfig-out", tmp.resolve("kc").toString());
    assertEquals(0, r.code(), r::toString);
    assertFalse(r.out().contains("notice:"), r::toString);
    assertTrue(r.out().contains("(embedded"), r::toString);
  }

  @Test
  void theRealControlPlaneWithoutBinariesIsAOneLineError(@TempDir Path tmp) throws Exception {
    CliProcess r = CliProcess.run(NOT_PROVISIONED, null, "sandbox", "--real-control-plane", "--duration", "1s",
        "--management-port", "0", "--kubeconfig-out", tmp.resolve("kc").toString());
    assertEquals(1, r.code(), r::toString);
    List<String> errors = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, errors.size(), r::toString);
    assertTrue(errors.get(0).startsWith("error: kube-apiserver/kube-controller-manager v1.20.2 not found"), r::toString);
    assertTrue(errors.get(0).contains("provision them with: bash src/main/resources/control-plane/provision.sh"),
        r::toString);
    assertFalse(Files.exists(tmp.resolve("kc")), r::toString);
  }

  @Test
  void realAndEmbeddedExcludeEachOther() throws Exception {
    CliProcess r = CliProcess.run("sandbox", "--real-control-plane", "--embedded");
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertTrue(r.err().contains("mutually exclusive"), r::toString);
  }
}
