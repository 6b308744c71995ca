package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A reference to a Secret; the namespace defaults to the referencing object's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"namespace", "secretName"})
public class SecretRef extends UnknownFields {
  public String namespace;
  public String secretName;

  public SecretRef() {}

  public SecretRef(String namespace, String secretName) {
    this.namespace = namespace;
    this.secretName = secretName;
  }
}
