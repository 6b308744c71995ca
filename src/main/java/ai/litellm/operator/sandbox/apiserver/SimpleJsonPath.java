package ai.litellm.operator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The subset of Kubernetes JSONPath that CRD additionalPrinterColumns use: {@code .a.b}, {@code ['a']}, {@code [0]},
 * {@code [*]} and equality filters {@code [?(@.type=="Ready")]} (also {@code !=}, with a dotted left side). Anything
 * else is rejected when the path is parsed, so a column that cannot be evaluated is visibly empty rather than wrong.
 */
final class SimpleJsonPath {
  private sealed interface Step permits Field, Index, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private record Filter(List<String> left, boolean equal, String right) implements Step {}

  private final List<Step> steps;

  private SimpleJsonPath(List<Step> steps) {
    this.steps = steps;
  }

  /** Parses a path such as {@code .status.conditions[?(@.type=="Ready")].status}; braces {@code {}} are optional. */
  static SimpleJsonPath parse(String expression) {
    String p = expression.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1).trim();
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty field name in JSONPath " + expression);
        }
        steps.add(new Field(p.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int end = closingBracket(p, i, expression);
        steps.add(bracket(p.substring(i + 1, end).trim(), expression));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath " + expression);
      }
    }
    return new SimpleJsonPath(List.copyOf(steps));
  }

  /** Every node the path selects, in document order; empty when nothing matches. */
  List<JsonNode> select(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> out) {
    if (step instanceof Field f) {
      JsonNode child = node.get(f.name());
      if (child != null && !child.isNull()) {
        out.add(child);
      }
    } else if (step instanceof Index ix) {
      if (node.isArray()) {
        int i = ix.index() < 0 ? node.size() + ix.index() : ix.index();
        if (i >= 0 && i < node.size()) {
          out.add(node.get(i));
        }
      }
    } else if (step instanceof Wildcard) {
      node.values().forEach(out::add);
    } else if (step instanceof Filter flt) {
      if (node.isArray()) {
        for (JsonNode element : node) {
          JsonNode value = element;
          for (String key : flt.left()) {
            value = value.path(key);
          }
          boolean matches = !value.isMissingNode() && !value.isNull() && value.asString().equals(flt.right());
          if (matches == flt.equal()) {
            out.add(element);
          }
        }
      }
    }
  }

  /** A selected node as table text: strings unquoted, containers as JSON. */
  static String text(JsonNode node) {
    return node.isContainer() ? node.toString() : node.asString();
  }

  private static int closingBracket(String p, int open, String expression) {
    boolean quoted = false;
    char quote = 0;
    for (int i = open + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (quoted) {
        if (c == quote) {
          quoted = false;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed [ in JSONPath " + expression);
  }

  private static Step bracket(String inner, String expression) {
    if (inner.equals("*")) {
      return new Wildcard();
    }
    if (inner.startsWith("'") || inner.startsWith("\"")) {
      return new Field(unquote(inner, expression));
    }
    if (inner.startsWith("?(") && inner.endsWith(")")) {
      String cond = inner.substring(2, inner.length() - 1).trim();
      boolean equal = !cond.contains("!=");
      String[] sides = cond.split(equal ? "==" : "!=", 2);
      if (sides.length != 2 || !sides[0].trim().startsWith("@.")) {
        throw new IllegalArgumentException("unsupported filter in JSONPath " + expression);
      }
      List<String> left = List.of(sides[0].trim().substring(2).split("\\."));
      return new Filter(left, equal, unquote(sides[1].trim(), expression));
    }
    try {
      return new Index(Integer.parseInt(inner));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported [" + inner + "] in JSONPath " + expression, e);
    }
  }

  private static String unquote(String s, String expression) {
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    // Unquoted literals (numbers, booleans) compare by their text.
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty literal in JSONPath " + expression);
    }
    return s;
  }
}
