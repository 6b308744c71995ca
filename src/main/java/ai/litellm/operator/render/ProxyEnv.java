package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstanceSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy container's env, in a stable order: master and salt key, STORE_MODEL_IN_DB, database, Redis, init-model
 * credentials, then spec.extraEnvVars. An extra env var whose name matches an earlier one REPLACES it in place (so
 * users can override e.g. STORE_MODEL_IN_DB without producing a duplicate entry, whose effective value Kubernetes
 * leaves to the last one); later duplicates inside extraEnvVars replace earlier ones the same way.
 * LITELLM_MASTER_KEY cannot be overridden: the operator talks to the proxy with the key in {@code <n>-secrets}.
 */
public final class ProxyEnv {
  private ProxyEnv() {}

  public static final String STORE_MODEL_IN_DB = "STORE_MODEL_IN_DB";
  public static final String DATABASE_HOST = "DATABASE_HOST";
  public static final String DATABASE_USERNAME = "DATABASE_USERNAME";
  public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
  public static final String DATABASE_NAME = "DATABASE_NAME";
  public static final String REDIS_HOST = "REDIS_HOST";
  public static final String REDIS_PORT = "REDIS_PORT";
  public static final String REDIS_PASSWORD = "REDIS_PASSWORD";

  public static List<EnvVar> build(String instanceName, LiteLLMInstanceSpec spec, ProxyConfig config) {
    List<EnvVar> env = new ArrayList<>();
    String ownSecret = InstanceNames.secret(instanceName);
    env.add(ProxyConfigRenderer.secretEnv(ProxyConfigRenderer.MASTER_KEY_ENV, ownSecret, InstanceNames.MASTER_KEY));
    env.add(ProxyConfigRenderer.secretEnv(ProxyConfigRenderer.SALT_KEY_ENV, ownSecret, InstanceNames.SALT_KEY));
    env.add(new EnvVarBuilder().withName(STORE_MODEL_IN_DB).withValue("True").build());
    if (spec.databaseSecretRef != null) {
      String secret = spec.databaseSecretRef.nameRef;
      var keys = spec.databaseSecretRef.keys;
      env.add(ProxyConfigRenderer.secretEnv(DATABASE_HOST, secret, keys.hostSecret));
      env.add(ProxyConfigRenderer.secretEnv(DATABASE_USERNAME, secret, keys.usernameSecret));
      env.add(ProxyConfigRenderer.secretEnv(DATABASE_PASSWORD, secret, keys.passwordSecret));
      env.add(ProxyConfigRenderer.secretEnv(DATABASE_NAME, secret, keys.dbnameSecret));
    }
    if (spec.redisSecretRef != null) {
      String secret = spec.redisSecretRef.nameRef;
      var keys = spec.redisSecretRef.keys;
      env.add(ProxyConfigRenderer.secretEnv(REDIS_HOST, secret, keys.hostSecret));
      env.add(ProxyConfigRenderer.secretEnv(REDIS_PORT, secret, keys.portSecret));
      if (ProxyConfigRenderer.hasRedisPassword(spec)) {
        env.add(ProxyConfigRenderer.secretEnv(REDIS_PASSWORD, secret, keys.passwordSecret));
      }
    }
    env.addAll(config.credentialEnv());
    if (spec.extraEnvVars != null) {
      for (EnvVar extra : spec.extraEnvVars) {
        EnvVar copy = new EnvVarBuilder(extra).build();
        int existing = indexOf(env, copy.getName());
        if (existing >= 0) {
          env.set(existing, copy);
        } else {
          env.add(copy);
        }
      }
    }
    return env;
  }

  private static int indexOf(List<EnvVar> env, String name) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
