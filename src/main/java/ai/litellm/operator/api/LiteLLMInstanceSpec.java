package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/** Desired state of a LiteLLM proxy deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"image", "masterKey", "databaseSecretRef", "redisSecretRef", "ingress", "gateway", "replicas", "models", "extraEnvVars"})
public class LiteLLMInstanceSpec extends UnknownFields {
  public static final String DEFAULT_IMAGE = "ghcr.io/berriai/litellm-database:main-v1.74.9.rc.1";
  public static final int DEFAULT_REPLICAS = 1;

  public String image = DEFAULT_IMAGE;
  @Unshared
  public String masterKey;
  public DatabaseSecretRef databaseSecretRef;
  public RedisSecretRef redisSecretRef;
  public Ingress ingress;
  public Gateway gateway;
  public Integer replicas = DEFAULT_REPLICAS;
  public List<InitModelInstance> models;
  public List<EnvVar> extraEnvVars;
}
