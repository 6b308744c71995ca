package ai.litellm.operator.render;

import ai.litellm.operator.api.InitModelInstance;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Checks a LiteLLMInstance before rendering: spec errors first ({@link InvalidSpecException}), then missing
 * dependencies ({@link DependencyMissingException}), each with a message that names the field or object.
 */
public final class InstanceValidator {
  private InstanceValidator() {}

  /** DNS-1035 label: what a Service name must be. */
  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  public static void validate(LiteLLMInstance instance, ResolvedInstanceInputs inputs) {
    validateSpec(instance);
    validateDependencies(instance.getSpec(), inputs);
  }

  static void validateSpec(LiteLLMInstance instance) {
    ObjectMeta meta = instance.getMetadata();
    if (meta == null || blank(meta.getName()) || blank(meta.getNamespace()) || blank(meta.getUid())) {
      throw new InvalidSpecException("metadata.name, metadata.namespace and metadata.uid are required");
    }
    String name = meta.getName();
    if (name.length() > InstanceNames.MAX_NAME_LENGTH || !DNS_1035.matcher(name).matches()) {
      throw new InvalidSpecException("metadata.name \"" + name + "\" must be a DNS-1035 label of at most "
          + InstanceNames.MAX_NAME_LENGTH + " characters so that \"" + InstanceNames.service(name)
          + "\" is a valid Service name");
    }
    LiteLLMInstanceSpec spec = instance.getSpec();
    if (spec == null) {
      throw new InvalidSpecException("spec is required");
    }
    if (blank(spec.image)) {
      throw new InvalidSpecException("spec.image is required");
    }
    if (spec.replicas != null && spec.replicas < 0) {
      throw new InvalidSpecException("spec.replicas must not be negative, got " + spec.replicas);
    }
    if (spec.ingress != null && Boolean.TRUE.equals(spec.ingress.enabled) && blank(spec.ingress.host)) {
      throw new InvalidSpecException("spec.ingress.host is required when spec.ingress.enabled is true");
    }
    if (spec.gateway != null && Boolean.TRUE.equals(spec.gateway.enabled) && blank(spec.gateway.host)) {
      throw new InvalidSpecException("spec.gateway.host is required when spec.gateway.enabled is true");
    }
    if (spec.databaseSecretRef != null) {
      var keys = spec.databaseSecretRef.keys;
      requireSet("spec.databaseSecretRef.nameRef", spec.databaseSecretRef.nameRef);
      if (keys == null) {
        throw new InvalidSpecException("spec.databaseSecretRef.keys is required");
      }
      requireSet("spec.databaseSecretRef.keys.hostSecret", keys.hostSecret);
      requireSet("spec.databaseSecretRef.keys.usernameSecret", keys.usernameSecret);
      requireSet("spec.databaseSecretRef.keys.passwordSecret", keys.passwordSecret);
      requireSet("spec.databaseSecretRef.keys.dbnameSecret", keys.dbnameSecret);
    }
    if (spec.redisSecretRef != null) {
      var keys = spec.redisSecretRef.keys;
      requireSet("spec.redisSecretRef.nameRef", spec.redisSecretRef.nameRef);
      if (keys == null) {
        throw new InvalidSpecException("spec.redisSecretRef.keys is required");
      }
      requireSet("spec.redisSecretRef.keys.hostSecret", keys.hostSecret);
      requireSet("spec.redisSecretRef.keys.portSecret", keys.portSecret);
    }
    validateModels(spec.models == null ? List.of() : spec.models);
    validateExtraEnv(spec.extraEnvVars == null ? List.of() : spec.extraEnvVars);
  }

  private static void validateModels(List<InitModelInstance> models) {
    Map<String, String> identifiers = new HashMap<>();
    Map<String, String> envTokens = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      InitModelInstance model = models.get(i);
      String field = "spec.models[" + i + "]";
      if (model == null || blank(model.identifier)) {
        throw new InvalidSpecException(field + ".identifier is required");
      }
      String previous = identifiers.put(model.identifier, field);
      if (previous != null) {
        throw new InvalidSpecException("duplicate model identifier \"" + model.identifier + "\" in " + previous
            + " and " + field + "; identifiers must be unique");
      }
      String token = ModelCredentialEnv.token(model.identifier);
      String clash = envTokens.put(token, model.identifier);
      if (clash != null) {
        throw new InvalidSpecException("model identifiers \"" + clash + "\" and \"" + model.identifier
            + "\" map to the same env var prefix LITELLM_MODEL_" + token + "_; rename one");
      }
      var credentials = model.modelCredentials;
      if (credentials != null && blank(credentials.nameRef)) {
        throw new InvalidSpecException(field + ".modelCredentials.nameRef is required when modelCredentials is set");
      }
      boolean namesCredential = model.liteLLMParams != null && !blank(model.liteLLMParams.litellmCredentialName);
      if (Boolean.TRUE.equals(model.requiresAuth) && (credentials == null || credentials.keys == null)
          && !namesCredential) {
        throw new InvalidSpecException(field + ".requiresAuth is true but neither " + field
            + ".modelCredentials (nameRef and keys) nor " + field + ".liteLLMParams.litellmCredentialName is set");
      }
    }
  }

  private static void validateExtraEnv(List<EnvVar> extra) {
    for (int i = 0; i < extra.size(); i++) {
      EnvVar env = extra.get(i);
      if (env == null || blank(env.getName())) {
        throw new InvalidSpecException("spec.extraEnvVars[" + i + "].name is required");
      }
      if (env.getName().equals(ProxyConfigRenderer.MASTER_KEY_ENV)) {
        throw new InvalidSpecException("spec.extraEnvVars[" + i + "] must not set " + ProxyConfigRenderer.MASTER_KEY_ENV
            + ": the operator manages the master key (set spec.masterKey instead)");
      }
    }
  }

  static void validateDependencies(LiteLLMInstanceSpec spec, ResolvedInstanceInputs inputs) {
    for (Map.Entry<String, SortedSet<String>> ref : ReferencedSecrets.of(spec).entrySet()) {
      SecretSnapshot secret = inputs.secrets().get(ref.getKey());
      if (secret == null) {
        throw new DependencyMissingException("Secret \"" + ref.getKey() + "\" referenced by the spec does not exist");
      }
      for (String key : ref.getValue()) {
        if (!secret.keys().contains(key)) {
          throw new DependencyMissingException("Secret \"" + ref.getKey() + "\" has no key \"" + key + "\"");
        }
      }
    }
    if (spec.gateway != null && Boolean.TRUE.equals(spec.gateway.enabled) && inputs.settings().gatewayParent() == null) {
      throw new DependencyMissingException("spec.gateway.enabled is true but the operator has no Gateway configured"
          + " to attach the HTTPRoute to");
    }
  }

  private static void requireSet(String field, String value) {
    if (blank(value)) {
      throw new InvalidSpecException(field + " is required");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
