package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The build ships BoringSSL for Linux x86-64 and arm64, so the operator's Kubernetes client uses native TLS there
 * (the real-cluster tier then talks to a real HTTPS API server through it).
 */
class NativeTlsTest {
  @Test
  void nativeTlsIsAvailableOnLinux() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
      assertTrue(NativeTlsHttpClientFactory.nativeTlsAvailable(),
          "netty-tcnative-boringssl-static should load: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
    }
  }
}
