package ai.litellm.operator.eventlog.ratelimit;

import java.time.Duration;

/**
 * Implemented by a downstream's own error type when some of its failures mean "slow down" (HTTP 429 or 503), so a
 * {@link Limiter} lowers that downstream's rate (e.g. {@code LiteLLMException}). Other failures leave the rate alone.
 */
public interface ThrottleSignal {
  /** Whether this failure asks the caller to slow down. */
  boolean isThrottle();

  /** The downstream's Retry-After, or null. */
  Duration throttleRetryAfter();
}
