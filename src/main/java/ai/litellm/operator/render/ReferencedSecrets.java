package ai.litellm.operator.render;

import ai.litellm.operator.api.InitModelInstance;
import ai.litellm.operator.api.LiteLLMInstanceSpec;
import ai.litellm.operator.api.ModelCredentialSecretKeys;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user Secrets (and keys) an instance's pods read: database, Redis, model credentials, and non-optional
 * secretKeyRefs in extraEnvVars. Used to validate that they exist and to fold their versions into the config hash,
 * so pods roll exactly when something they read changes. The operator's own {@code <n>-secrets} is not included.
 */
public final class ReferencedSecrets {
  private ReferencedSecrets() {}

  public static SortedMap<String, SortedSet<String>> of(LiteLLMInstanceSpec spec) {
    SortedMap<String, SortedSet<String>> refs = new TreeMap<>();
    if (spec.databaseSecretRef != null && spec.databaseSecretRef.keys != null) {
      var keys = spec.databaseSecretRef.keys;
      add(refs, spec.databaseSecretRef.nameRef, keys.hostSecret, keys.usernameSecret, keys.passwordSecret,
          keys.dbnameSecret);
    }
    if (spec.redisSecretRef != null && spec.redisSecretRef.keys != null) {
      var keys = spec.redisSecretRef.keys;
      add(refs, spec.redisSecretRef.nameRef, keys.hostSecret, keys.portSecret, keys.passwordSecret);
    }
    if (spec.models != null) {
      for (InitModelInstance model : spec.models) {
        if (model != null && model.modelCredentials != null && model.modelCredentials.keys != null) {
          ModelCredentialSecretKeys k = model.modelCredentials.keys;
          add(refs, model.modelCredentials.nameRef, k.apiKey, k.apiBase, k.awsAccessKeyId, k.awsSecretAccessKey,
              k.vertexCredentials, k.vertexProject);
        }
      }
    }
    if (spec.extraEnvVars != null) {
      for (EnvVar env : spec.extraEnvVars) {
        SecretKeySelector ref = env == null || env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
        if (ref != null && !Boolean.TRUE.equals(ref.getOptional())) {
          add(refs, ref.getName(), ref.getKey());
        }
      }
    }
    return refs;
  }

  private static void add(SortedMap<String, SortedSet<String>> refs, String secret, String... keys) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    SortedSet<String> set = refs.computeIfAbsent(secret, s -> new TreeSet<>());
    for (String key : keys) {
      if (key != null && !key.isBlank()) {
        set.add(key);
      }
    }
  }
}
