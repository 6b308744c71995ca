package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Secret key names for the credential values LiteLLM knows (api_key, api_base, ...): each field names a Secret key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiKey", "apiBase", "apiVersion", "awsAccessKeyId", "awsSecretAccessKey", "awsRegionName",
    "vertexCredentials", "vertexProject", "vertexLocation"})
public class CredentialSecretKeys extends UnknownFields {
  public String apiKey;
  public String apiBase;
  public String apiVersion;
  public String awsAccessKeyId;
  public String awsSecretAccessKey;
  public String awsRegionName;
  public String vertexCredentials;
  public String vertexProject;
  public String vertexLocation;
}
