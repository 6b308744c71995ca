package ai.litellm.operator.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging of every command, on stderr through the JDK logger (the slf4j backend): plain one-line text by default,
 * {@code --log-format json} for log pipelines ({@link JsonLogFormatter}). Levels are {@code debug|info|warn|error}
 * (settings logLevel and logFormat, LITELLM_OPERATOR_LOG_LEVEL / _LOG_FORMAT). Every operator log line about an object
 * carries its key (kind namespace/name); see the controller packages.
 *
 * <p>{@link #configure()} runs before the command line is parsed, from the environment only, and never fails: a bad
 * value falls back to the default with one warning line (so even {@code version} runs). {@code run} and
 * {@code sandbox} then {@link #apply} their parsed settings.
 */
public final class Logging {
  static final String LEVEL_ENV = "LITELLM_OPERATOR_LOG_LEVEL";
  static final String FORMAT_ENV = "LITELLM_OPERATOR_LOG_FORMAT";
  /** The JDK's text format property: a format given with -D is used as given (by the JDK's SimpleFormatter). */
  private static final String SIMPLE_FORMAT = "java.util.logging.SimpleFormatter.format";
  /** Third-party libraries are noisy at INFO (every request, every websocket); they log warnings and errors only. */
  private static final String[] THIRD_PARTY = {"io.fabric8", "io.netty", "io.vertx", "okhttp3", "com.networknt",
      "io.micrometer"};

  private Logging() {}

  static void configure() {
    String level = System.getenv().getOrDefault(LEVEL_ENV, "info");
    String format = System.getenv().getOrDefault(FORMAT_ENV, "text");
    String problem = null;
    if (julLevel(level) == null) {
      problem = LEVEL_ENV + "='" + level + "' is not one of debug, info, warn, error; using info";
      level = "info";
    }
    if (!format.trim().equalsIgnoreCase("json") && !format.trim().equalsIgnoreCase("text")) {
      problem = FORMAT_ENV + "='" + format + "' is not one of text, json; using text";
      format = "text";
    }
    apply(level, format);
    if (problem != null) {
      Logger.getLogger(Logging.class.getName()).warning(problem);
    }
  }

  /** Sets the level of the operator's own loggers and the format of every line (settings already validated). */
  public static void apply(String level, String format) {
    String textFormat = System.getProperty(SIMPLE_FORMAT);
    if (textFormat == null) {
      // also for any SimpleFormatter a library makes
      textFormat = TextLogFormatter.FORMAT;
      System.setProperty(SIMPLE_FORMAT, textFormat);
    }
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler console = new ConsoleHandler();
    Formatter formatter = "json".equalsIgnoreCase(format.trim()) ? new JsonLogFormatter()
        : textFormat.equals(TextLogFormatter.FORMAT) ? new TextLogFormatter() : new SimpleFormatter();
    console.setFormatter(formatter);
    console.setLevel(Level.ALL);
    console.setFilter(Logging::notNoise);
    root.addHandler(console);
    Level jul = julLevel(level);
    root.setLevel(jul);
    for (String lib : THIRD_PARTY) {
      Logger.getLogger(lib).setLevel(jul.intValue() > Level.WARNING.intValue() ? jul : Level.WARNING);
    }
  }

  /**
   * Start-up warnings that say nothing to an operator's user: Micrometer's notice that Vert.x registered its event bus
   * handler gauge twice, and fabric8's notice that a Kubernetes API in use is not v1 (the operator chooses the
   * version the cluster serves on purpose, e.g. PodDisruptionBudget policy/v1beta1 on 1.20).
   */
  static boolean notNoise(LogRecord r) {
    String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
    String msg = r.getMessage() == null ? "" : r.getMessage();
    if (logger.startsWith("io.micrometer") && msg.contains("already registered")) {
      return false;
    }
    return !(logger.startsWith("io.fabric8") && msg.contains("unstable version"));
  }

  /** debug, info, warn, error (any case) as a JDK level; null for anything else. */
  static Level julLevel(String level) {
    return switch (level == null ? "" : level.trim().toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      default -> null;
    };
  }

  /** The level's name as the options spell it. */
  static String levelName(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (v >= Level.WARNING.intValue()) {
      return "warn";
    }
    return v >= Level.INFO.intValue() ? "info" : "debug";
  }
}
