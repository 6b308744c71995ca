package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.EventMemo;

/**
 * What the operator remembers about one LiteLLMInstance key beyond Kubernetes: created and forgotten with the key's
 * queue record by the instance topic of the event log: the Events recently written on it (what a repeat counts on),
 * and whether its deletion's wait for its Models was announced.
 */
final class InstanceState {
  private final EventMemo events = new EventMemo();
  /** The deleting instance's Normal Event {@code WaitingForModels} was recorded (once per deletion). */
  boolean deletionAnnounced;

  EventMemo events() {
    return events;
  }
}
