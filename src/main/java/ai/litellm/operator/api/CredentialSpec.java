package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Desired state of one credential in a LiteLLM proxy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"connectionRef", "credentialName", "secretRef", "credentialInfo"})
public class CredentialSpec extends UnknownFields {
  /** The proxy, exactly as a Model names it. */
  public ConnectionRef connectionRef;
  /** The credential's public name in LiteLLM (what models put in litellmCredentialName); default metadata.name. */
  public String credentialName;
  /** The Secret whose keys become the credential's values. */
  public CredentialSecretRef secretRef;
  /** RawExtension: free-form credential_info (description, provider, ...), kept as read. */
  public Object credentialInfo;
}
