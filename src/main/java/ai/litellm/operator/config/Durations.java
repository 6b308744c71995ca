package ai.litellm.operator.config;

import java.time.Duration;

/** Durations as Kubernetes writes them: 200ms, 30s, 5m, 1h (or ISO-8601 such as PT5M). */
public final class Durations {
  private Durations() {}

  /** @throws IllegalArgumentException naming the text and the accepted forms */
  public static Duration parse(String text) {
    String v = text.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 200ms, 30s, 5m, 1h)");
    }
  }
}
