package ai.litellm.operator.eventlog;

import java.util.function.BiConsumer;

/**
 * Read access to the per-key states a log owns, for code that runs beside the reconciles (a drift detector's timer):
 * lookups and iteration from any thread. The states themselves decide which of their fields are safe to share.
 */
public interface KeyStates<S> {
  /** The state of a known key, or null. */
  S state(String key);

  /** Every known key with its state; weakly consistent, like a live view. */
  void forEachState(BiConsumer<String, ? super S> action);
}
