package ai.litellm.operator.cli;

import io.vertx.core.json.JsonObject;
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
 * {@code time}, {@code level} (debug/info/warn/error), {@code logger}, {@code thread}, {@code message}; where the line
 * is about one object, {@code kind} and {@code key} (namespace/name), read from the "Kind namespace/name: ..." prefix
 * every controller log line carries; the slf4j MDC entries, among them {@code controller} (model, instance) and
 * {@code reconcileId} on every line a reconcile logs ({@link ai.litellm.operator.eventlog.ReconcileLog}); and
 * {@code stack} with the whole stack trace inside the same record.
 */
final class JsonLogFormatter extends Formatter {
  /** The key convention of the controllers' log lines: "Model team-a/gpt-4o: ...". */
  private static final Pattern OBJECT_KEY = Pattern.compile("^(Model|LiteLLMInstance) ([a-z0-9.-]+)/([a-z0-9.-]+):");

  @Override
  public String format(LogRecord record) {
    // Encoded by Jackson (through Vert.x's JsonObject): control characters and newlines are escaped, so a record,
    // stack trace included, is always one line.
    JsonObject json = new JsonObject();
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
    return json.encode() + "\n";
  }

  private static void field(JsonObject json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
