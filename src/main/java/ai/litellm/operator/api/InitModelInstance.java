package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A model written into the proxy config file of a LiteLLMInstance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"modelName", "requiresAuth", "identifier", "modelCredentials", "liteLLMParams", "additionalProperties"})
public class InitModelInstance extends UnknownFields {
  public String modelName;
  public Boolean requiresAuth;
  public String identifier;
  public ModelCredentialSecretRef modelCredentials;
  public LiteLLMParams liteLLMParams;
  /** RawExtension: arbitrary JSON, kept as read. */
  public Object additionalProperties;
}
