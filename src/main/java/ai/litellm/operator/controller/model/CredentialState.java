package ai.litellm.operator.controller.model;

import ai.litellm.operator.kube.EventMemo;
import java.time.Duration;

/**
 * What is remembered about one Credential key between its reconciles: the Events it emitted recently (the same Event
 * is not repeated on every retry). Created and forgotten by the event log with the key.
 */
public final class CredentialState {
  private final EventMemo events = new EventMemo();
  private volatile long lastWriteNanos;
  private volatile boolean written;

  /** This operator just wrote the credential to LiteLLM. */
  void wroteToLiteLLM() {
    lastWriteNanos = System.nanoTime();
    written = true;
  }

  /**
   * Whether the last write is so recent that LiteLLM's workers may not show it yet (they reload credentials from the
   * database at their poll): a read then is no evidence of drift.
   */
  boolean writtenWithin(Duration grace) {
    return written && System.nanoTime() - lastWriteNanos < grace.toNanos();
  }

  EventMemo events() {
    return events;
  }
}
