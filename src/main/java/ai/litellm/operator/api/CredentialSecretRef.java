package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The Secret holding a credential's values and which of its keys fill which credential value. Without {@code keys},
 * every Secret key named like a field of {@link CredentialSecretKeys} fills that value; with {@code keys}, exactly the
 * listed ones, each of which must exist. {@code extraKeys} maps further LiteLLM value names to Secret keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"namespace", "secretName", "keys", "extraKeys"})
public class CredentialSecretRef extends UnknownFields {
  public String namespace;
  public String secretName;
  public CredentialSecretKeys keys;
  /** LiteLLM credential value name (snake_case, e.g. {@code organization}) → Secret key. */
  public Map<String, String> extraKeys;
}
