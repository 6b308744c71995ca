package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Key names inside the Redis Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"hostSecret", "portSecret", "passwordSecret"})
public class RedisSecretKeys extends UnknownFields {
  public String hostSecret;
  public String portSecret;
  public String passwordSecret;
}
