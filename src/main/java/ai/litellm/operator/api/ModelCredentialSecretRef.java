package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The Secret holding credentials of an init model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"nameRef", "keys"})
public class ModelCredentialSecretRef extends UnknownFields {
  public String nameRef;
  public ModelCredentialSecretKeys keys;
}
