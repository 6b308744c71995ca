package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Key names inside the database Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"hostSecret", "passwordSecret", "usernameSecret", "dbnameSecret"})
public class DatabaseSecretKeys extends UnknownFields {
  public String hostSecret;
  public String passwordSecret;
  public String usernameSecret;
  public String dbnameSecret;
}
