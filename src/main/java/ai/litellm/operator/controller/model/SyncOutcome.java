package ai.litellm.operator.controller.model;

/** What a sync did to LiteLLM; the metric label and the Event reason come from here. */
public enum SyncOutcome {
  /** Status already records this payload as applied and no drift was reported: no call was made. */
  UNCHANGED,
  CREATED,
  PATCHED,
  RECREATED,
  /** A create whose response was lost: the existing model (with our marker) was read and taken over. */
  ADOPTED
}
