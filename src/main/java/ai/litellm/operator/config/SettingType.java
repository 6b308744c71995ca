package ai.litellm.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text of a setting (a flag, an environment variable, the table's default) becomes its value. Every parser
 * throws {@link IllegalArgumentException} with a one-line message that quotes the text and says what was expected.
 *
 * @param label what the help shows after the flag (--partitions=N)
 * @param javaType the type of the {@link OperatorConfig} field that holds the value
 * @param choices the accepted values of a choice, empty otherwise
 */
public record SettingType<T>(String label, Class<?> javaType, List<String> choices, Function<String, T> parser) {
  public static final SettingType<Integer> INTEGER = new SettingType<>("N", int.class, List.of(),
      t -> parseNumber(t, "a whole number", Integer::valueOf));
  public static final SettingType<Double> NUMBER = new SettingType<>("NUMBER", double.class, List.of(),
      t -> parseNumber(t, "a number", Double::valueOf));
  public static final SettingType<Boolean> BOOLEAN = new SettingType<>("BOOL", boolean.class, List.of(),
      SettingType::parseBoolean);
  public static final SettingType<String> TEXT = new SettingType<>("TEXT", String.class, List.of(), String::trim);
  public static final SettingType<Duration> DURATION = new SettingType<>("DURATION", Duration.class, List.of(),
      Durations::parse);
  /** Comma separated; blanks around items and empty items are dropped. */
  public static final SettingType<List<String>> LIST = new SettingType<>("LIST", List.class, List.of(),
      t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());

  public SettingType {
    choices = List.copyOf(choices);
  }

  /** One of a fixed set of words (case-insensitive; the value is the lower-case word). */
  public static SettingType<String> oneOf(String... choices) {
    List<String> accepted = List.of(choices);
    return new SettingType<>(String.join("|", accepted), String.class, accepted, t -> {
      String v = t.trim().toLowerCase(Locale.ROOT);
      if (!accepted.contains(v)) {
        throw new IllegalArgumentException("'" + t + "' is not one of " + String.join(", ", accepted));
      }
      return v;
    });
  }

  public T parse(String text) {
    return parser.apply(text);
  }

  private static <N> N parseNumber(String text, String what, Function<String, N> parse) {
    try {
      return parse.apply(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not " + what);
    }
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
    };
  }
}
