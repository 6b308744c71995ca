package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A reference to a LiteLLMInstance; the namespace defaults to the referencing Model's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"namespace", "name"})
public class InstanceRef extends UnknownFields {
  public String namespace;
  public String name;

  public InstanceRef() {}

  public InstanceRef(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }
}
