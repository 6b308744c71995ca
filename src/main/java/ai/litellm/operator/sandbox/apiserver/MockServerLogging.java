package ai.litellm.operator.sandbox.apiserver;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the fabric8 mock's per-request logging. JUL holds loggers weakly: the Logger objects live in static fields
 * so that the level set here is not lost when the logger is garbage-collected and re-created at INFO.
 */
final class MockServerLogging {
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("io.fabric8.mockwebserver");
  private static final Logger KUBERNETES_MOCK = Logger.getLogger("io.fabric8.kubernetes.client.server.mock");

  private MockServerLogging() {}

  static void quiet() {
    MOCK_WEB_SERVER.setLevel(Level.WARNING);
    KUBERNETES_MOCK.setLevel(Level.WARNING);
  }
}
