package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.TimeZone;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/** The default text lines are exactly what the JDK's SimpleFormatter writes with the same format. */
class TextLogFormatterTest {

  @Test
  void linesAreTheJdkFormattersLines() {
    String before = System.getProperty("java.util.logging.SimpleFormatter.format");
    TimeZone zone = TimeZone.getDefault();
    System.setProperty("java.util.logging.SimpleFormatter.format", TextLogFormatter.FORMAT);
    try {
      SimpleFormatter jdk = new SimpleFormatter(); // reads the format when made
      TextLogFormatter ours = new TextLogFormatter();
      for (String tz : new String[] {"UTC", "Asia/Kolkata", "America/Los_Angeles"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(tz));
        for (LogRecord r : records()) {
          assertEquals(jdk.format(r), ours.format(r), tz + " " + r.getLevel() + " " + r.getMessage());
        }
      }
    } finally {
      TimeZone.setDefault(zone);
      if (before == null) {
        System.clearProperty("java.util.logging.SimpleFormatter.format");
      } else {
        System.setProperty("java.util.logging.SimpleFormatter.format", before);
      }
    }
  }

  @Test
  void theConsoleUsesItUnlessAnotherFormatIsGiven() {
    String before = System.getProperty("java.util.logging.SimpleFormatter.format");
    try {
      System.clearProperty("java.util.logging.SimpleFormatter.format");
      Logging.apply("info", "text");
      assertInstanceOf(TextLogFormatter.class, console().getFormatter());
      Logging.apply("info", "text"); // applied again (configure, then the parsed settings)
      assertInstanceOf(TextLogFormatter.class, console().getFormatter());
      System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%n");
      Logging.apply("info", "text");
      assertEquals(SimpleFormatter.class, console().getFormatter().getClass());
    } finally {
      if (before == null) {
        System.clearProperty("java.util.logging.SimpleFormatter.format");
      } else {
        System.setProperty("java.util.logging.SimpleFormatter.format", before);
      }
      Logging.apply("info", "text");
    }
  }

  private static ConsoleHandler console() {
    return (ConsoleHandler) Logger.getLogger("").getHandlers()[0];
  }

  private static LogRecord[] records() {
    LogRecord info = new LogRecord(Level.INFO, "Model team-a/gpt-4o: created in LiteLLM as {0}");
    info.setParameters(new Object[] {"team-a.gpt-4o"});
    info.setLoggerName("ai.litellm.operator.controller.model.ModelReconciler");
    info.setInstant(Instant.parse("2026-12-03T21:35:08.007Z"));
    LogRecord warning = new LogRecord(Level.WARNING, "LiteLLM proxy http://proxy:4000 does not answer");
    warning.setLoggerName("ai.litellm.operator.controller.model.ProxyHealth");
    warning.setInstant(Instant.parse("2026-01-09T03:04:05.120Z"));
    LogRecord failure = new LogRecord(Level.SEVERE, "reconcile failed");
    failure.setLoggerName("ai.litellm.operator.eventlog.Partition");
    failure.setInstant(Instant.parse("2026-12-31T23:59:59.999Z"));
    failure.setThrown(new IllegalStateException("boom", new RuntimeException("cause")));
    LogRecord fine = new LogRecord(Level.FINE, "no logger name");
    fine.setInstant(Instant.parse("0999-02-03T00:00:00Z"));
    return new LogRecord[] {info, warning, failure, fine};
  }
}
