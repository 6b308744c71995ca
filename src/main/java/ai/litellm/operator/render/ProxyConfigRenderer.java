package ai.litellm.operator.render;

import ai.litellm.operator.api.InitModelInstance;
import ai.litellm.operator.api.LiteLLMInstanceSpec;
import ai.litellm.operator.api.ModelCredentialSecretKeys;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * spec.models + Redis/DB settings → the proxy's config.yaml. Model names are written unchanged (no "-[inst]" tag),
 * model_info.id is the identifier (stable across replicas and restarts), and every credential is an
 * {@code os.environ/<ENV>} reference: from modelCredentials via secretKeyRef, or, for a credential written in clear in
 * the spec, via a key of the operator's {@code <n>-secrets}. The ConfigMap therefore never holds a secret value.
 */
public final class ProxyConfigRenderer {
  private ProxyConfigRenderer() {}

  public static final String MASTER_KEY_ENV = "LITELLM_MASTER_KEY";
  public static final String SALT_KEY_ENV = "LITELLM_SALT_KEY";

  private record CredentialSlot(String param, String secretKey) {}

  public static ProxyConfig render(String instanceName, LiteLLMInstanceSpec spec) {
    JsonArray modelList = new JsonArray();
    List<EnvVar> env = new ArrayList<>();
    Map<String, String> inline = new TreeMap<>();
    List<InitModelInstance> models = spec.models == null ? List.of() : spec.models;
    for (int i = 0; i < models.size(); i++) {
      modelList.add(modelEntry("spec.models[" + i + "]", instanceName, models.get(i), env, inline));
    }

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model_list", modelList);
    Map<String, Object> general = new LinkedHashMap<>();
    general.put("master_key", LiteLLMKeys.ENV_REFERENCE_PREFIX + MASTER_KEY_ENV);
    // Rendered with or without a database: changing it for instances without one would restart every such proxy on
    // an operator upgrade for no gain (LiteLLM refuses model writes without a DB either way). The instance's ModelStore
    // condition and its Models' LiteLLMNoDatabase reason say it instead (issue #14.9).
    general.put("store_model_in_db", true);
    // Keep serving already-loaded models while Postgres is down instead of failing every replica's readiness.
    general.put("allow_requests_on_db_unavailable", true);
    config.put("general_settings", general);
    if (spec.redisSecretRef != null) {
      Map<String, Object> router = new LinkedHashMap<>();
      router.put("redis_host", LiteLLMKeys.ENV_REFERENCE_PREFIX + ProxyEnv.REDIS_HOST);
      router.put("redis_port", LiteLLMKeys.ENV_REFERENCE_PREFIX + ProxyEnv.REDIS_PORT);
      if (hasRedisPassword(spec)) {
        router.put("redis_password", LiteLLMKeys.ENV_REFERENCE_PREFIX + ProxyEnv.REDIS_PASSWORD);
      }
      config.put("router_settings", router);
    }
    return new ProxyConfig(ConfigYaml.write(config), env, new TreeMap<>(inline));
  }

  /**
   * Whether the proxy will have a database to store models added through its API: {@code spec.databaseSecretRef}, or
   * a {@code DATABASE_URL} (or the image's {@code DATABASE_HOST}) the user passes in {@code spec.extraEnvVars}. Without
   * one, LiteLLM answers every model write with 500 "No DB Connected".
   */
  public static boolean hasModelStore(LiteLLMInstanceSpec spec) {
    return spec.databaseSecretRef != null || (spec.extraEnvVars != null && spec.extraEnvVars.stream()
        .anyMatch(e -> "DATABASE_URL".equals(e.getName()) || ProxyEnv.DATABASE_HOST.equals(e.getName())));
  }

  static boolean hasRedisPassword(LiteLLMInstanceSpec spec) {
    return spec.redisSecretRef != null && spec.redisSecretRef.keys != null
        && !LiteLLMParamsMapper.blank(spec.redisSecretRef.keys.passwordSecret);
  }

  private static JsonObject modelEntry(String field, String instanceName, InitModelInstance model, List<EnvVar> env,
      Map<String, String> inline) {
    if (model == null) {
      throw new InvalidSpecException(field + " must not be empty");
    }
    if (LiteLLMParamsMapper.blank(model.modelName)) {
      throw new InvalidSpecException(field + ".modelName is required");
    }
    if (LiteLLMParamsMapper.blank(model.identifier)) {
      throw new InvalidSpecException(field + ".identifier is required");
    }
    JsonObject params = LiteLLMParamsMapper.toLiteLLM(field + ".liteLLMParams", model.liteLLMParams);

    String credentialSecret = model.modelCredentials == null ? null : model.modelCredentials.nameRef;
    for (CredentialSlot slot : slots(model.modelCredentials == null ? null : model.modelCredentials.keys)) {
      String envName = ModelCredentialEnv.name(model.identifier, slot.param());
      if (!LiteLLMParamsMapper.blank(slot.secretKey())) {
        env.add(secretEnv(envName, credentialSecret, slot.secretKey()));
        params.put(slot.param(), LiteLLMKeys.ENV_REFERENCE_PREFIX + envName);
      }
    }
    // Every other credential written in clear in the CR — a typed one (api_key) or any credential-like key of
    // additionalProp1 (aws_session_token, azure_ad_token, ...) — is kept out of the ConfigMap by routing it through
    // <n>-secrets and the pod's environment.
    for (String param : List.copyOf(params.fieldNames())) {
      if (params.getValue(param) instanceof String value && CredentialKeys.isCredential(param)
          && !value.startsWith(LiteLLMKeys.ENV_REFERENCE_PREFIX)) {
        String envName = ModelCredentialEnv.name(model.identifier, param);
        inline.put(envName, value);
        env.add(secretEnv(envName, InstanceNames.secret(instanceName), envName));
        params.put(param, LiteLLMKeys.ENV_REFERENCE_PREFIX + envName);
      }
    }

    JsonObject info = new JsonObject().put(LiteLLMKeys.MODEL_INFO_ID, model.identifier);
    JsonObject extra = RawValues.canonicalObject(field + ".additionalProperties", model.additionalProperties);
    if (extra != null) {
      for (Map.Entry<String, Object> e : extra) {
        if (e.getKey().equals(LiteLLMKeys.MODEL_INFO_ID)) {
          throw new InvalidSpecException(field + ".additionalProperties.id is reserved: the model id is "
              + field + ".identifier");
        }
        if (e.getValue() != null) {
          info.put(e.getKey(), e.getValue());
        }
      }
    }
    return new JsonObject()
        .put("model_name", model.modelName)
        .put("litellm_params", params)
        .put("model_info", info);
  }

  private static List<CredentialSlot> slots(ModelCredentialSecretKeys keys) {
    ModelCredentialSecretKeys k = keys == null ? new ModelCredentialSecretKeys() : keys;
    return List.of(
        new CredentialSlot(LiteLLMKeys.API_KEY, k.apiKey),
        new CredentialSlot(LiteLLMKeys.API_BASE, k.apiBase),
        new CredentialSlot(LiteLLMKeys.AWS_ACCESS_KEY_ID, k.awsAccessKeyId),
        new CredentialSlot(LiteLLMKeys.AWS_SECRET_ACCESS_KEY, k.awsSecretAccessKey),
        new CredentialSlot(LiteLLMKeys.VERTEX_CREDENTIALS, k.vertexCredentials),
        new CredentialSlot(LiteLLMKeys.VERTEX_PROJECT, k.vertexProject));
  }

  static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }
}
