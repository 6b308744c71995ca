package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.eventlog.DownstreamWait;
import ai.litellm.operator.eventlog.Fence;
import ai.litellm.operator.eventlog.ReconcileLog;
import ai.litellm.operator.eventlog.ReconcileRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLogFormatterTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter();

  /** A reconcile's line, logged as the reconcilers log (through ReconcileLog), as the formatter writes it. */
  @Test
  void aReconcileLineCarriesItsKeyControllerAndReconcileId() {
    Logger jul = Logger.getLogger("test.JsonLogFormatterTest.reconciler");
    List<String> lines = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(formatter.format(record)); // formatted on the logging thread, as the console handler does
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    try {
      ReconcileLog log = new ReconcileLog(LoggerFactory.getLogger(jul.getName()), "model");
      ReconcileRequest<Void> run = new ReconcileRequest<>("team-a/gpt-4o", "team-a", "gpt-4o", 1, true, 1, 0, null,
          DownstreamWait.HOLDING, Fence.NONE, 42);
      log.warn(run, "Model {}: {} - {}", "team-a/gpt-4o", "LiteLLMUnavailable", "\"quoted\"\nsecond line");
    } finally {
      jul.removeHandler(capture);
    }
    assertEquals(1, lines.size(), lines::toString);
    String line = lines.get(0);
    assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
    JsonObject json = new JsonObject(line);
    assertEquals("warn", json.getString("level"));
    assertEquals("Model", json.getString("kind"));
    assertEquals("team-a/gpt-4o", json.getString("key"));
    assertEquals("model", json.getString("controller"));
    assertEquals("42", json.getString("reconcileId"));
    assertTrue(json.getString("message").contains("\"quoted\"\nsecond line"));
    assertNull(MDC.get(ReconcileLog.RECONCILE_ID), "the run's entries live for its one call only");
  }

  @Test
  void aStackTraceStaysInsideItsRecord() {
    LogRecord r = new LogRecord(Level.SEVERE, "LiteLLMInstance ai/proxy: failed");
    r.setThrown(new IllegalStateException("boom", new RuntimeException("cause\twith tab")));
    String line = formatter.format(r);
    assertEquals(1, line.lines().count(), line);
    JsonObject json = new JsonObject(line);
    assertEquals("error", json.getString("level"));
    assertEquals("LiteLLMInstance", json.getString("kind"));
    assertEquals("ai/proxy", json.getString("key"));
    assertFalse(json.containsKey("controller") || json.containsKey("reconcileId"), "no reconcile logged it: " + line);
    assertTrue(json.getString("stack").contains("java.lang.IllegalStateException: boom"));
    assertTrue(json.getString("stack").contains("Caused by: java.lang.RuntimeException: cause\twith tab"));
    assertFalse(line.contains("\t"));
  }
}
