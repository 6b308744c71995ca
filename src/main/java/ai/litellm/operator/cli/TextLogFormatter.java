package ai.litellm.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The default text format, one line per record: {@code 2026-12-03T21:35:08.710Z INFO    logger - message}. It writes
 * exactly what the JDK's {@code SimpleFormatter} writes with {@link #FORMAT}, without {@code String.format}: that
 * parsed the format string again for every line, about 1 % of the operator's CPU in a 10k-Model flood, which logs
 * one line per Model created in LiteLLM. {@link Logging} uses it unless {@code java.util.logging.SimpleFormatter.format}
 * names another format.
 */
final class TextLogFormatter extends Formatter {
  /** The {@code SimpleFormatter} format this formatter writes. */
  static final String FORMAT = "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s - %5$s%6$s%n";

  @Override
  public String format(LogRecord record) {
    String message = formatMessage(record);
    StringBuilder line = new StringBuilder(40 + message.length());
    // SimpleFormatter reads the default zone for every record as well; the 'Z' after the time is part of FORMAT.
    LocalDateTime t = LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
    digits(line, t.getYear(), 4).append('-');
    digits(line, t.getMonthValue(), 2).append('-');
    digits(line, t.getDayOfMonth(), 2).append('T');
    digits(line, t.getHour(), 2).append(':');
    digits(line, t.getMinute(), 2).append(':');
    digits(line, t.getSecond(), 2).append('.');
    digits(line, t.getNano() / 1_000_000, 3).append("Z ");
    String level = record.getLevel().getLocalizedName();
    line.append(level);
    for (int pad = level.length(); pad < 7; pad++) {
      line.append(' ');
    }
    line.append(' ').append(record.getLoggerName()).append(" - ").append(message);
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      try (PrintWriter out = new PrintWriter(trace)) {
        out.println();
        record.getThrown().printStackTrace(out);
      }
      line.append(trace);
    }
    return line.append(System.lineSeparator()).toString();
  }

  /** {@code value} with leading zeros to {@code width} digits (a wider value is written whole, as %tY would). */
  private static StringBuilder digits(StringBuilder line, int value, int width) {
    String s = Integer.toString(value);
    for (int pad = s.length(); pad < width; pad++) {
      line.append('0');
    }
    return line.append(s);
  }
}
