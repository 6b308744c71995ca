package ai.litellm.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * {@code --log-format json}: one JSON object per line, for log pipelines (Loki, Elasticsearch, Cloud Logging). Fields:
 * {@code time}, {@code level} (debug/info/warn/error), {@code logger}, {@code thread}, {@code message}; and, where the
 * line is about one object, {@code kind}, {@code key} (namespace/name) and {@code controller} (model, instance), read
 * from the "Kind namespace/name: ..." prefix every controller log line carries; any slf4j MDC entries (e.g.
 * {@code reconcileId}, {@code trace}); and {@code stack} with the whole stack trace inside the same record.
 */
final class JsonLogFormatter extends Formatter {
  /** The key convention of the controllers' log lines: "Model team-a/gpt-4o: ...". */
  private static final Pattern OBJECT_KEY = Pattern.compile("^(Model|LiteLLMInstance) ([a-z0-9.-]+)/([a-z0-9.-]+):");

  @Override
  public String format(LogRecord record) {
    StringBuilder json = new StringBuilder(256).append('{');
    field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString());
    field(json, "level", Logging.levelName(record.getLevel()));
    field(json, "logger", record.getLoggerName());
    field(json, "thread", Thread.currentThread().getName());
    String message = formatMessage(record);
    field(json, "message", message);
    Matcher m = OBJECT_KEY.matcher(message);
    if (m.find()) {
      field(json, "kind", m.group(1));
      field(json, "key", m.group(2) + "/" + m.group(3));
      field(json, "controller", m.group(1).equals("Model") ? "model" : "instance");
    }
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> field(json, k, v));
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      field(json, "stack", trace.toString());
    }
    json.setLength(json.length() - 1); // the last comma
    return json.append("}\n").toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    if (value == null) {
      return;
    }
    quote(json, name);
    json.append(':');
    quote(json, value);
    json.append(',');
  }

  /** A JSON string: quotes, backslashes and every control character escaped, so a record is always one line. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
