package ai.litellm.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromQlThresholdTest {

  @Test
  void splitsAtTheTopLevelComparisonOnly() {
    var t = PromQlThreshold.parse(
        "sum by (a) (rate(x{code!=\"200\", b=~\"c|d\"}[5m])) / sum(rate(y[5m])) > 0.1").orElseThrow();
    assertEquals("sum by (a) (rate(x{code!=\"200\", b=~\"c|d\"}[5m])) / sum(rate(y[5m]))", t.query());
    assertEquals(">", t.operator());
    assertEquals(0.1, t.threshold());
    assertEquals("<", PromQlThreshold.parse("max(up) < 1").orElseThrow().operator());
    assertEquals(">=", PromQlThreshold.parse("max(up) >= 1").orElseThrow().operator());
  }

  @Test
  void rejectsWhatItCannotSplitSafely() {
    assertTrue(PromQlThreshold.parse("sum(rate(x[5m]))").isEmpty(), "no comparison");
    assertTrue(PromQlThreshold.parse("a > 1 and b < 2").isEmpty(), "two comparisons");
    assertTrue(PromQlThreshold.parse("a > b").isEmpty(), "not a number");
    assertTrue(PromQlThreshold.parse("a > bool 1").isEmpty(), "bool modifier");
    assertTrue(PromQlThreshold.parse("x{l=\">\"}").isEmpty(), "operator inside a string");
  }
}
