package ai.litellm.operator.sandbox.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a kubeconfig that points kubectl (or any client) at the embedded server. */
final class KubeconfigWriter {
  static final String NAME = "litellm-sandbox";
  /** The mock does not authenticate; clients still expect a credential, so a fixed non-secret token is used. */
  static final String TOKEN = "sandbox-token";

  private KubeconfigWriter() {}

  static String render(String serverUrl, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user:
            token: %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %4$s
        current-context: %1$s
        preferences: {}
        """.formatted(NAME, serverUrl, TOKEN, namespace);
  }

  static Path write(Path file, String serverUrl, String namespace) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(serverUrl, namespace));
    try {
      // kubectl warns about group/world-readable kubeconfigs.
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: permissions stay as created.
    }
    return file;
  }
}
