package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Gateway API HTTPRoute toggle and host for a LiteLLMInstance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"enabled", "host"})
public class Gateway extends UnknownFields {
  public Boolean enabled;
  public String host;
}
