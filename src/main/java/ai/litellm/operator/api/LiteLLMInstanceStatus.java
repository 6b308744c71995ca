package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a LiteLLM proxy deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "lastUpdated", "configMapCreated", "secretCreated", "deploymentCreated", "serviceCreated", "ingressCreated", "conditions"})
public class LiteLLMInstanceStatus extends UnknownFields {
  public Long observedGeneration;
  /** RFC 3339 time of the last status change. */
  public String lastUpdated;
  public Boolean configMapCreated;
  public Boolean secretCreated;
  public Boolean deploymentCreated;
  public Boolean serviceCreated;
  public Boolean ingressCreated;
  public List<Condition> conditions = new ArrayList<>();
}
