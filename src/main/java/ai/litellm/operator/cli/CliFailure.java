package ai.litellm.operator.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A command that cannot do its work, with the one line the user reads on stderr ({@code error: <message>}) and the
 * exit code. Anything else a command throws is reported the same way from its cause chain (see {@link Main}); the
 * stack trace is logged at debug level only.
 */
final class CliFailure extends RuntimeException {
  /** The cluster cannot be reached, or the kubeconfig cannot be used. */
  static final int CLUSTER = 3;
  /** Anything else that stopped the command after its input was accepted. */
  static final int FAILED = 1;

  final int exitCode;

  CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** One line from a cause chain: each distinct message once, outermost first ("a: b: c"). */
  static String oneLine(Throwable e) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
      // A wrapper that repeats its cause ("java.net.ConnectException: Connection refused") adds nothing.
      if (parts.stream().noneMatch(p -> p.contains(m))) {
        parts.removeIf(m::contains);
        parts.add(m.lines().findFirst().orElse(m));
      }
    }
    return String.join(": ", parts);
  }
}
