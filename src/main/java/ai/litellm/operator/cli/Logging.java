package ai.litellm.operator.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * One-line log format on stderr for the JDK logger (the slf4j backend). Every operator log line about an object carries
 * its key (kind namespace/name); see the controller packages.
 */
final class Logging {
  private Logging() {}

  static void configure() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s - %5$s%6$s%n");
    }
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new SimpleFormatter());
    console.setLevel(Level.ALL);
    root.addHandler(console);
    root.setLevel(Level.parse(System.getenv().getOrDefault("LITELLM_OPERATOR_LOG_LEVEL", "INFO")));
    // Third-party libraries are noisy at INFO (every mock request, every websocket); keep them to warnings.
    for (String noisy : new String[] {"io.fabric8", "io.netty", "io.vertx", "okhttp3", "com.networknt"}) {
      Logger.getLogger(noisy).setLevel(Level.WARNING);
    }
  }
}
