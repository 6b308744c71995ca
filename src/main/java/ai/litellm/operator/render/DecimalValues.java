package ai.litellm.operator.render;

import java.math.BigDecimal;

/**
 * Parses the CRD's decimal strings (costs, budgets) exactly. Floating point would turn "0.0000025" into
 * 2.4999999999999998E-6 and make hashes and drift checks depend on rounding, so values stay {@link BigDecimal}.
 */
public final class DecimalValues {
  private DecimalValues() {}

  /**
   * @param field the spec path for the error message, e.g. {@code spec.litellmParams.inputCostPerToken}
   * @return a normalised non-negative decimal: trailing zeros stripped, never a negative scale ("100" stays 100)
   * @throws InvalidSpecException when the value is not a plain non-negative decimal number
   */
  public static BigDecimal parseNonNegative(String field, String raw) {
    String text = raw.trim();
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidSpecException(field + " must be a decimal number (e.g. \"0.000002\" or \"1e-6\"), got \"" + raw + "\"");
    }
    if (value.signum() < 0) {
      throw new InvalidSpecException(field + " must not be negative, got \"" + raw + "\"");
    }
    return normalise(value);
  }

  /** The canonical form used for output and comparison: 2.50 → 2.5, 1E+2 → 100, 0.0 → 0. */
  public static BigDecimal normalise(BigDecimal value) {
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
