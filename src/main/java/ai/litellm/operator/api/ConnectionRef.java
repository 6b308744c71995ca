package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How a Model reaches its LiteLLM proxy: a Secret with url + masterkey, or a LiteLLMInstance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"secretRef", "instanceRef"})
public class ConnectionRef extends UnknownFields {
  public SecretRef secretRef;
  public InstanceRef instanceRef;
}
