package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a Model: what the operator last registered in LiteLLM (secrets removed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "lastUpdated", "conditions", "modelName", "litellmParams", "modelId",
    "appliedPayloadHash", "appliedEndpoint", "appliedCredentialParams"})
public class ModelStatus extends UnknownFields {
  public Long observedGeneration;
  /** RFC 3339 time of the last status change. */
  public String lastUpdated;
  public List<Condition> conditions = new ArrayList<>();
  public String modelName;
  public LiteLLMParams litellmParams;
  public String modelId;
  /**
   * Hash of the payload last applied to LiteLLM for {@link #observedGeneration} (an extension beyond the seed's
   * fields): a reconcile whose desired payload hashes the same makes no LiteLLM call.
   */
  public String appliedPayloadHash;
  /**
   * The proxy the model was last applied to (an extension beyond the seed's fields): a Model moved elsewhere first
   * deletes its row there, also after a restart (issue #14.4).
   */
  public AppliedEndpoint appliedEndpoint;
  /**
   * Names (never values) of the credential params last written to LiteLLM, which its reads never show (an extension
   * beyond the seed's fields): a name that leaves the payload is removed by delete + create, since LiteLLM's updates
   * cannot remove a key and no read shows that it is still there. Absent when none were sent.
   */
  public List<String> appliedCredentialParams;
}
