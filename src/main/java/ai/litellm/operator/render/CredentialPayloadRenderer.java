package ai.litellm.operator.render;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretKeys;
import ai.litellm.operator.api.CredentialSecretRef;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Credential CR + the data of its Secret → the credential LiteLLM stores ({@link CredentialPayload}). Pure: no I/O,
 * no clock. Values come only from the Secret; credential_info only from the spec, plus the ownership marker of
 * {@link ModelOwnership} (the same keys: a row is this install's, for this uid, or nobody's).
 */
public final class CredentialPayloadRenderer {
  /** What LiteLLM's path parameter and a Kubernetes name both carry safely (no slash, no space). */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  /** A LiteLLM value name for extraKeys: snake_case, as litellm_params spells its keys. */
  static final Pattern VALUE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private CredentialPayloadRenderer() {}

  /**
   * @param secretData the decoded data of spec.secretRef; surrounding whitespace of values is trimmed
   * @param connectionIdentity the proxy (its URL): moving the Credential to another proxy changes the hash
   * @param installId written into the ownership marker
   */
  public static CredentialPayload render(Credential credential, Map<String, String> secretData,
      String connectionIdentity, String installId) {
    ObjectMeta meta = credential.getMetadata();
    if (meta == null || blank(meta.getName()) || blank(meta.getNamespace()) || blank(meta.getUid())) {
      throw new InvalidSpecException("metadata.name, metadata.namespace and metadata.uid are required");
    }
    String name = name(credential);
    CredentialSecretRef ref = credential.getSpec() == null ? null : credential.getSpec().secretRef;
    if (ref == null || blank(ref.secretName)) {
      throw new InvalidSpecException("spec.secretRef.secretName is required: a credential's values come from a Secret");
    }
    JsonObject values = values(ref, secretData == null ? Map.of() : secretData);
    JsonObject info = info(credential.getSpec().credentialInfo, meta, installId);
    var digest = Sha256.newDigest();
    Sha256.update(digest, CanonicalJson.encode(new JsonObject().put("name", name).put("values", values)
        .put("info", info)));
    Sha256.update(digest, connectionIdentity == null ? "" : connectionIdentity);
    return new CredentialPayload(name, values, info, Sha256.hex(digest));
  }

  /** spec.credentialName, default metadata.name. @throws InvalidSpecException when it cannot be a LiteLLM name */
  public static String name(Credential credential) {
    String name = credential.getSpec() != null && !blank(credential.getSpec().credentialName)
        ? credential.getSpec().credentialName : credential.getMetadata().getName();
    if (!NAME.matcher(name).matches()) {
      throw new InvalidSpecException("spec.credentialName \"" + name + "\" must be letters, digits, '.', '_' or '-'"
          + " (LiteLLM puts it in a URL path), starting with a letter or digit, at most 253 characters");
    }
    return name;
  }

  /** LiteLLM value name → Secret key for the typed keys, in the CRD's order; {@code keys} null: every default. */
  static Map<String, String> typedKeys(CredentialSecretKeys keys) {
    CredentialSecretKeys k = keys == null ? defaults() : keys;
    Map<String, String> out = new LinkedHashMap<>();
    put(out, k.apiKey, LiteLLMKeys.API_KEY);
    put(out, k.apiBase, LiteLLMKeys.API_BASE);
    put(out, k.apiVersion, "api_version");
    put(out, k.awsAccessKeyId, LiteLLMKeys.AWS_ACCESS_KEY_ID);
    put(out, k.awsSecretAccessKey, LiteLLMKeys.AWS_SECRET_ACCESS_KEY);
    put(out, k.awsRegionName, "aws_region_name");
    put(out, k.vertexCredentials, LiteLLMKeys.VERTEX_CREDENTIALS);
    put(out, k.vertexProject, LiteLLMKeys.VERTEX_PROJECT);
    put(out, k.vertexLocation, "vertex_location");
    return out;
  }

  private static JsonObject values(CredentialSecretRef ref, Map<String, String> data) {
    String where = "Secret " + ref.secretName + " (spec.secretRef)";
    boolean explicit = ref.keys != null;
    Map<String, String> wanted = new TreeMap<>(); // value name -> Secret key; sorted for a stable body
    wanted.putAll(typedKeys(ref.keys));
    if (ref.extraKeys != null) {
      for (Map.Entry<String, String> e : ref.extraKeys.entrySet()) {
        String field = "spec.secretRef.extraKeys." + e.getKey();
        if (!VALUE_NAME.matcher(e.getKey()).matches()) {
          throw new InvalidSpecException(field + ": a credential value name is snake_case (e.g. organization)");
        }
        if (wanted.containsKey(e.getKey())) {
          throw new InvalidSpecException(field + " clashes with a value spec.secretRef.keys fills; set it in one place");
        }
        if (blank(e.getValue())) {
          throw new InvalidSpecException(field + " must name a Secret key");
        }
        wanted.put(e.getKey(), e.getValue());
      }
    }
    JsonObject values = new JsonObject();
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      String value = data.get(w.getValue());
      boolean required = explicit || ref.extraKeys != null && ref.extraKeys.containsKey(w.getKey());
      if (value == null || value.isBlank()) {
        if (required) {
          throw SecretValueMissingException.keyMissing(where + " has no (non-empty) key '" + w.getValue()
              + "', which spec.secretRef maps to " + w.getKey());
        }
        continue;
      }
      values.put(w.getKey(), value.strip());
    }
    if (values.isEmpty()) {
      // LiteLLM refuses a credential without values; a Secret that fills nothing is a wrong Secret or misspelt keys.
      throw SecretValueMissingException.incomplete(where + " has none of the keys "
          + String.join(", ", typedKeys(null).values()) + " (or map its keys with spec.secretRef.keys)");
    }
    return values;
  }

  private static JsonObject info(Object spec, ObjectMeta meta, String installId) {
    JsonObject info = new JsonObject();
    JsonObject user = RawValues.canonicalObject("spec.credentialInfo", spec);
    if (user != null) {
      for (Map.Entry<String, Object> e : user) {
        String field = "spec.credentialInfo." + e.getKey();
        if (e.getKey().equals(ModelOwnership.OWNER_KEY) || e.getKey().equals(ModelOwnership.UID_KEY)
            || e.getKey().equals(ModelOwnership.INSTALL_KEY)) {
          throw new InvalidSpecException(field + " is reserved for the operator's ownership marker");
        }
        if (CredentialKeys.isCredential(e.getKey())) {
          // LiteLLM returns credential_info in clear to every reader: a secret there would be published.
          throw new InvalidSpecException(field + " looks like a secret; credential_info is shown in clear: put"
              + " secrets into the Secret (spec.secretRef)");
        }
        if (e.getValue() != null) {
          info.put(e.getKey(), e.getValue());
        }
      }
    }
    info.put(ModelOwnership.OWNER_KEY, meta.getNamespace() + "/" + meta.getName());
    info.put(ModelOwnership.UID_KEY, meta.getUid());
    info.put(ModelOwnership.INSTALL_KEY, installId);
    return info;
  }

  private static CredentialSecretKeys defaults() {
    CredentialSecretKeys k = new CredentialSecretKeys();
    k.apiKey = "apiKey";
    k.apiBase = "apiBase";
    k.apiVersion = "apiVersion";
    k.awsAccessKeyId = "awsAccessKeyId";
    k.awsSecretAccessKey = "awsSecretAccessKey";
    k.awsRegionName = "awsRegionName";
    k.vertexCredentials = "vertexCredentials";
    k.vertexProject = "vertexProject";
    k.vertexLocation = "vertexLocation";
    return k;
  }

  private static void put(Map<String, String> out, String secretKey, String valueName) {
    if (!blank(secretKey)) {
      out.put(valueName, secretKey);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
