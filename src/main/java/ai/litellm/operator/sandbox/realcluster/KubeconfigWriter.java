package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes kubeconfig files with the CA (and client certificate) embedded, so a kubeconfig stays usable when copied.
 * Values are base64 or fixed identifiers, so plain string formatting yields valid YAML.
 */
final class KubeconfigWriter {

  private KubeconfigWriter() {}

  /** A kubeconfig whose user authenticates with the static bearer token (what kubectl and tests use). */
  static void writeTokenKubeconfig(Path target, String serverUrl, Path caCert, String token) throws IOException {
    write(target, serverUrl, caCert, "    token: " + token + "\n");
  }

  /** A kubeconfig whose user authenticates with an x509 client certificate (what kube-controller-manager uses). */
  static void writeClientCertKubeconfig(Path target, String serverUrl, Path caCert, Path clientCert, Path clientKey)
      throws IOException {
    write(
        target,
        serverUrl,
        caCert,
        "    client-certificate-data: " + base64(clientCert) + "\n"
            + "    client-key-data: " + base64(clientKey) + "\n");
  }

  private static void write(Path target, String serverUrl, Path caCert, String userBody) throws IOException {
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: real-control-plane\n"
            + "  cluster:\n"
            + "    server: " + serverUrl + "\n"
            + "    certificate-authority-data: " + base64(caCert) + "\n"
            + "users:\n"
            + "- name: admin\n"
            + "  user:\n"
            + userBody
            + "contexts:\n"
            + "- name: real-control-plane\n"
            + "  context:\n"
            + "    cluster: real-control-plane\n"
            + "    user: admin\n"
            + "    namespace: default\n"
            + "current-context: real-control-plane\n";
    Files.writeString(target, yaml, StandardCharsets.UTF_8);
  }

  private static String base64(Path file) throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }
}
