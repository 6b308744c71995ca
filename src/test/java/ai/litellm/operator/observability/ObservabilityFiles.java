package ai.litellm.operator.observability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads the shipped dashboards and alert rules: every PromQL expression, with where it came from. */
final class ObservabilityFiles {
  static final Path DASHBOARDS = PrometheusTools.repo().resolve("dashboards");
  static final Path RULES = DASHBOARDS.resolve("alerts/litellm-operator-rules.yaml");
  static final Path RULE_TESTS = DASHBOARDS.resolve("alerts/tests");

  /** One expression: {@code where} names the file and panel / alert / variable. */
  record Expression(String where, String expr) {}

  private ObservabilityFiles() {}

  static List<Path> dashboards() {
    try (Stream<Path> s = Files.list(DASHBOARDS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject dashboard(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel target's expr (rows' nested panels included), raw (Grafana variables not substituted). */
  static List<Expression> panelExpressions(Path file) {
    List<Expression> out = new ArrayList<>();
    collectPanels(file.getFileName().toString(), dashboard(file).getJsonArray("panels", new JsonArray()), out);
    return out;
  }

  private static void collectPanels(String fileName, JsonArray panels, List<Expression> out) {
    for (Object o : panels) {
      JsonObject panel = (JsonObject) o;
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) t).getString("expr");
        if (expr != null) {
          out.add(new Expression(fileName + " / panel \"" + panel.getString("title") + "\" / "
              + ((JsonObject) t).getString("refId"), expr));
        }
      }
      collectPanels(fileName, panel.getJsonArray("panels", new JsonArray()), out);
    }
  }

  private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$");

  /**
   * Query variables {@code label_values(selector, label)} as the PromQL that returns the same values:
   * {@code count by (label) (selector)}.
   */
  static List<Expression> variableExpressions(Path file) {
    List<Expression> out = new ArrayList<>();
    JsonArray vars = dashboard(file).getJsonObject("templating", new JsonObject()).getJsonArray("list", new JsonArray());
    for (Object o : vars) {
      JsonObject v = (JsonObject) o;
      if (!"query".equals(v.getString("type"))) {
        continue;
      }
      Object q = v.getValue("query");
      String query = q instanceof JsonObject jq ? jq.getString("query") : String.valueOf(q);
      Matcher m = LABEL_VALUES.matcher(query.trim());
      if (!m.matches()) {
        throw new IllegalStateException(file.getFileName() + ": variable " + v.getString("name")
            + " is not label_values(selector, label): " + query);
      }
      out.add(new Expression(file.getFileName() + " / variable $" + v.getString("name"),
          "count by (" + m.group(2) + ") (" + m.group(1) + ")"));
    }
    return out;
  }

  /** Alert name → expr, from the plain rules file. */
  @SuppressWarnings("unchecked")
  static List<Expression> alertExpressions() {
    List<Expression> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rulesFile().get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String name = (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
        out.add(new Expression(name, String.valueOf(rule.get("expr")).trim()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> alertRules() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rulesFile().get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) {
          out.add(rule);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> rulesFile() {
    try {
      return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(RULES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Grafana's variables replaced the way Grafana would for one operator pod: {@code $namespace}/{@code $pod} by the
   * scraped target's labels, rate intervals by 1m. Any other {@code $} left over is an error, not a silent pass.
   */
  static String substitute(String expr, String namespace, String pod) {
    String s = expr.replace("${namespace}", namespace).replace("$namespace", namespace)
        .replace("${pod}", pod).replace("$pod", pod)
        .replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "5m");
    if (s.contains("$")) {
      throw new IllegalStateException("unknown Grafana variable in: " + expr);
    }
    return s;
  }
}
