package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The Secret holding the proxy's database coordinates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"nameRef", "keys"})
public class DatabaseSecretRef extends UnknownFields {
  public String nameRef;
  public DatabaseSecretKeys keys;
}
