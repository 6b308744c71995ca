package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Desired state of one model deployment inside a running LiteLLM proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"connectionRef", "modelName", "litellmParams", "modelInfo", "modelSecretRef"})
public class ModelSpec extends UnknownFields {
  public ConnectionRef connectionRef;
  public String modelName;
  public LiteLLMParams litellmParams;
  public ModelInfo modelInfo;
  public SecretRef modelSecretRef;
}
