package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.EventMemo;

/**
 * What the operator remembers about one LiteLLMInstance key beyond Kubernetes: created and forgotten with the key's
 * queue record by the instance topic of the event log. Today that is only the Events recently recorded on it.
 */
final class InstanceState {
  private final EventMemo events = new EventMemo();

  EventMemo events() {
    return events;
  }
}
