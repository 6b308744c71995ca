package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Ingress toggle and host for a LiteLLMInstance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"enabled", "host"})
public class Ingress extends UnknownFields {
  public Boolean enabled;
  public String host;
}
