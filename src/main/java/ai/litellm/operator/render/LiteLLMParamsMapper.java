package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMParams;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Maps the CRD's camelCase {@link LiteLLMParams} to LiteLLM's snake_case litellm_params. Shared by the Model payload
 * and the instance config file so both speak exactly the same dialect. Unset fields (null or empty string) are left
 * out: LiteLLM treats an absent key as "use the default", and an empty string would override it.
 */
public final class LiteLLMParamsMapper {
  private LiteLLMParamsMapper() {}

  /**
   * @param field spec path for error messages, e.g. {@code spec.litellmParams}
   * @return the params in a fixed key order (model first), credentials included; additionalProp1 merged last
   * @throws InvalidSpecException for a missing model, an unparsable cost, a malformed or clashing additionalProp1
   */
  public static JsonObject toLiteLLM(String field, LiteLLMParams p) {
    if (p == null || blank(p.model)) {
      throw new InvalidSpecException(field + ".model is required (the provider model, e.g. \"azure/gpt-4o\")");
    }
    JsonObject out = new JsonObject();
    str(out, "model", p.model);
    str(out, "custom_llm_provider", p.customLLMProvider);
    str(out, "api_base", p.apiBase);
    str(out, "api_version", p.apiVersion);
    str(out, "api_key", p.apiKey);
    str(out, "organization", p.organization);
    str(out, "vertex_project", p.vertexProject);
    str(out, "vertex_location", p.vertexLocation);
    str(out, "vertex_credentials", p.vertexCredentials);
    str(out, "region_name", p.regionName);
    str(out, "aws_access_key_id", p.awsAccessKeyId);
    str(out, "aws_secret_access_key", p.awsSecretAccessKey);
    str(out, "aws_region_name", p.awsRegionName);
    str(out, "watsonx_region_name", p.watsonxRegionName);
    num(out, "rpm", p.rpm);
    num(out, "tpm", p.tpm);
    num(out, "timeout", p.timeout);
    num(out, "stream_timeout", p.streamTimeout);
    num(out, "max_retries", p.maxRetries);
    num(out, "max_file_size_mb", p.maxFileSizeMb);
    cost(out, field, "inputCostPerToken", "input_cost_per_token", p.inputCostPerToken);
    cost(out, field, "outputCostPerToken", "output_cost_per_token", p.outputCostPerToken);
    cost(out, field, "inputCostPerSecond", "input_cost_per_second", p.inputCostPerSecond);
    cost(out, field, "outputCostPerSecond", "output_cost_per_second", p.outputCostPerSecond);
    cost(out, field, "inputCostPerPixel", "input_cost_per_pixel", p.inputCostPerPixel);
    cost(out, field, "outputCostPerPixel", "output_cost_per_pixel", p.outputCostPerPixel);
    cost(out, field, "maxBudget", "max_budget", p.maxBudget);
    str(out, "budget_duration", p.budgetDuration);
    str(out, "litellm_credential_name", p.litellmCredentialName);
    str(out, "litellm_trace_id", p.litellmTraceId);
    bool(out, "use_in_pass_through", p.useInPassThrough);
    bool(out, "use_litellm_proxy", p.useLitellmProxy);
    bool(out, "merge_reasoning_content_in_choices", p.mergeReasoningContentInChoices);
    str(out, "mock_response", p.mockResponse);
    str(out, "auto_router_config_path", p.autoRouterConfigPath);
    str(out, "auto_router_config", p.autoRouterConfig);
    str(out, "auto_router_default_model", p.autoRouterDefaultModel);
    str(out, "auto_router_embedding_model", p.autoRouterEmbeddingModel);
    if (p.configurableClientsideAuthParams != null) {
      out.put("configurable_clientside_auth_params",
          RawValues.canonical(field + ".configurableClientsideAuthParams", p.configurableClientsideAuthParams));
    }
    JsonObject modelInfo = RawValues.canonicalObject(field + ".modelInfo", p.modelInfo);
    if (modelInfo != null) {
      out.put("model_info", modelInfo);
    }
    mergeAdditional(out, field + ".additionalProp1", p.additionalProp1);
    return out;
  }

  /**
   * Merges a free-form additionalProp1 object into {@code target}. A key that a typed field already set is rejected
   * rather than silently overridden either way: the user must say it once.
   */
  public static void mergeAdditional(JsonObject target, String field, Object additional) {
    JsonObject extra = RawValues.canonicalObject(field, additional);
    if (extra == null) {
      return;
    }
    for (Map.Entry<String, Object> e : extra) {
      if (target.containsKey(e.getKey())) {
        throw new InvalidSpecException(field + "." + e.getKey() + " clashes with a key already set by a typed field;"
            + " set it in one place only");
      }
      if (e.getValue() != null) {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void str(JsonObject out, String key, String value) {
    if (!blank(value)) {
      out.put(key, value);
    }
  }

  private static void num(JsonObject out, String key, Number value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void bool(JsonObject out, String key, Boolean value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void cost(JsonObject out, String field, String camel, String key, String value) {
    if (!blank(value)) {
      out.put(key, DecimalValues.parseNonNegative(field + "." + camel, value));
    }
  }
}
