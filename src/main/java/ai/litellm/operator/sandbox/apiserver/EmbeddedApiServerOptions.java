package ai.litellm.operator.sandbox.apiserver;

import java.time.Duration;
import java.util.Objects;

/** How to start an {@link EmbeddedApiServer}: immutable, built with the {@code with*} methods. */
public final class EmbeddedApiServerOptions {
  private final int port;
  private final boolean installCrds;
  private final Duration shutdownTimeout;
  private final boolean schemaAdmission;

  private EmbeddedApiServerOptions(int port, boolean installCrds, Duration shutdownTimeout, boolean schemaAdmission) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, got " + port);
    }
    this.port = port;
    this.installCrds = installCrds;
    this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    this.schemaAdmission = schemaAdmission;
  }

  /** A free loopback port, no CRDs installed at start, 10 s to shut down, custom resources admitted by schema. */
  public static EmbeddedApiServerOptions defaults() {
    return new EmbeddedApiServerOptions(0, false, Duration.ofSeconds(10), true);
  }

  /** Fixed loopback port; 0 picks a free one. */
  public EmbeddedApiServerOptions withPort(int port) {
    return new EmbeddedApiServerOptions(port, installCrds, shutdownTimeout, schemaAdmission);
  }

  /** Install the operator's two CRDs right after start. */
  public EmbeddedApiServerOptions withCrdsInstalled(boolean installCrds) {
    return new EmbeddedApiServerOptions(port, installCrds, shutdownTimeout, schemaAdmission);
  }

  /**
   * How long {@link EmbeddedApiServer#close()} waits for the mock to stop; the mock can hang on shutdown when a
   * watch is closed after a very large list, and a sandbox must still exit.
   */
  public EmbeddedApiServerOptions withShutdownTimeout(Duration shutdownTimeout) {
    return new EmbeddedApiServerOptions(port, installCrds, shutdownTimeout, schemaAdmission);
  }

  /**
   * Whether custom resources are pruned, defaulted and validated against their CRD's schema, as the API server does
   * (the default). Off, they are stored as sent, as under an older or laxer CRD: for tests of what the controllers do
   * with objects the current schema refuses, and for benchmarks that keep the server's CPU out of the operator's.
   */
  public EmbeddedApiServerOptions withSchemaAdmission(boolean schemaAdmission) {
    return new EmbeddedApiServerOptions(port, installCrds, shutdownTimeout, schemaAdmission);
  }

  public boolean schemaAdmission() {
    return schemaAdmission;
  }

  public int port() {
    return port;
  }

  public boolean installCrds() {
    return installCrds;
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }
}
