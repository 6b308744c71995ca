package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Key names inside a model credential Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiKey", "apiBase", "awsSecretAccessKey", "awsAccessKeyId", "vertexCredentials", "vertexProject"})
public class ModelCredentialSecretKeys extends UnknownFields {
  public String apiKey;
  public String apiBase;
  public String awsSecretAccessKey;
  public String awsAccessKeyId;
  public String vertexCredentials;
  public String vertexProject;
}
