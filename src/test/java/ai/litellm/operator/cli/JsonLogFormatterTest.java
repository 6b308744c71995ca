package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLogFormatterTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @Test
  void aRecordAboutAnObjectCarriesItsKeyControllerAndContext() {
    LogRecord r = new LogRecord(Level.WARNING, "Model team-a/gpt-4o: LiteLLMUnavailable - \"quoted\"\nsecond line");
    r.setLoggerName("ai.litellm.operator.controller.model.ModelReconciler");
    MDC.put("reconcileId", "r-42");
    String line;
    try {
      line = formatter.format(r);
    } finally {
      MDC.remove("reconcileId");
    }
    assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
    JsonObject json = new JsonObject(line);
    assertEquals("warn", json.getString("level"));
    assertEquals("Model", json.getString("kind"));
    assertEquals("team-a/gpt-4o", json.getString("key"));
    assertEquals("model", json.getString("controller"));
    assertEquals("r-42", json.getString("reconcileId"));
    assertTrue(json.getString("message").contains("\"quoted\"\nsecond line"));
  }

  @Test
  void aStackTraceStaysInsideItsRecord() {
    LogRecord r = new LogRecord(Level.SEVERE, "LiteLLMInstance ai/proxy: failed");
    r.setThrown(new IllegalStateException("boom", new RuntimeException("cause\twith tab")));
    String line = formatter.format(r);
    assertEquals(1, line.lines().count(), line);
    JsonObject json = new JsonObject(line);
    assertEquals("error", json.getString("level"));
    assertEquals("instance", json.getString("controller"));
    assertTrue(json.getString("stack").contains("java.lang.IllegalStateException: boom"));
    assertTrue(json.getString("stack").contains("Caused by: java.lang.RuntimeException: cause\twith tab"));
    assertFalse(line.contains("\t"));
  }
}
