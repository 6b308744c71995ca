package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The litellm_params of a model, in the CRD's camelCase; the render package maps them to LiteLLM's snake_case. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"inputCostPerToken", "outputCostPerToken", "inputCostPerSecond", "outputCostPerSecond", "inputCostPerPixel", "outputCostPerPixel", "apiKey", "apiBase", "apiVersion", "vertexProject", "vertexLocation", "vertexCredentials", "regionName", "awsAccessKeyId", "awsSecretAccessKey", "awsRegionName", "watsonxRegionName", "customLLMProvider", "tpm", "rpm", "timeout", "streamTimeout", "maxRetries", "organization", "configurableClientsideAuthParams", "litellmCredentialName", "litellmTraceId", "maxFileSizeMb", "maxBudget", "budgetDuration", "useInPassThrough", "useLitellmProxy", "mergeReasoningContentInChoices", "modelInfo", "mockResponse", "autoRouterConfigPath", "autoRouterConfig", "autoRouterDefaultModel", "autoRouterEmbeddingModel", "model", "additionalProp1"})
public class LiteLLMParams extends UnknownFields {
  /** Cost per input token, a decimal string (sent to LiteLLM as a number). */
  public String inputCostPerToken;
  public String outputCostPerToken;
  public String inputCostPerSecond;
  public String outputCostPerSecond;
  public String inputCostPerPixel;
  public String outputCostPerPixel;
  /** Prefer modelSecretRef: a key here is stored in the CR in clear. */
  @Unshared
  public String apiKey;
  public String apiBase;
  public String apiVersion;
  public String vertexProject;
  public String vertexLocation;
  @Unshared
  public String vertexCredentials;
  public String regionName;
  @Unshared
  public String awsAccessKeyId;
  @Unshared
  public String awsSecretAccessKey;
  public String awsRegionName;
  public String watsonxRegionName;
  public String customLLMProvider;
  public Long tpm;
  public Integer rpm;
  public Integer timeout;
  public Integer streamTimeout;
  public Integer maxRetries;
  public String organization;
  /**
   * LiteLLM's configurable_clientside_auth_params: a list whose items are param names ("api_key") or objects
   * ({@code {api_base: <regex>}}), kept as read. A single value stored by an older CRD (which typed this as an object)
   * still reads, as a one-item list.
   */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
  public List<Object> configurableClientsideAuthParams;
  public String litellmCredentialName;
  public String litellmTraceId;
  public Integer maxFileSizeMb;
  /** A decimal string (sent to LiteLLM as a number). */
  public String maxBudget;
  public String budgetDuration;
  public Boolean useInPassThrough;
  public Boolean useLitellmProxy;
  public Boolean mergeReasoningContentInChoices;
  /** RawExtension: arbitrary JSON, kept as read. */
  public Object modelInfo;
  public String mockResponse;
  public String autoRouterConfigPath;
  public String autoRouterConfig;
  public String autoRouterDefaultModel;
  public String autoRouterEmbeddingModel;
  /** The provider model, e.g. azure/gpt-4o; required. */
  public String model;
  /** RawExtension: arbitrary JSON, kept as read. */
  public Object additionalProp1;
}
