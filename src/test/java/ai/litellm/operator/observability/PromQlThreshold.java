package ai.litellm.operator.observability;

import java.util.Optional;

/**
 * Splits an alert expression of the form {@code <query> <comparison> <number>} into the query and the threshold, so a
 * test can check that the query itself returns data (the alert firing or not is a separate question). The rules file
 * keeps every alert in that form; anything else is reported, not guessed at.
 */
record PromQlThreshold(String query, String operator, double threshold) {
  private static final String[] OPERATORS = {">=", "<=", "==", "!=", ">", "<"};

  static Optional<PromQlThreshold> parse(String expr) {
    int depth = 0;
    char quote = 0;
    int found = -1;
    String op = null;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'', '`' -> quote = c;
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> depth--;
        default -> {
          if (depth == 0) {
            for (String o : OPERATORS) {
              if (expr.startsWith(o, i)) {
                if (found >= 0) {
                  return Optional.empty(); // two top-level comparisons: not the simple form
                }
                found = i;
                op = o;
                i += o.length() - 1;
                break;
              }
            }
          }
        }
      }
    }
    if (found < 0) {
      return Optional.empty();
    }
    String rhs = expr.substring(found + op.length()).trim();
    if (rhs.startsWith("bool ")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PromQlThreshold(expr.substring(0, found).trim(), op, Double.parseDouble(rhs)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
