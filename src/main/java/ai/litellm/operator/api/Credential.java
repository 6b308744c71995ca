package ai.litellm.operator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A provider credential stored once in a LiteLLM proxy (its {@code /credentials} store), which any number of models
 * use by name ({@code litellm_params.litellm_credential_name}): rotating the key is one write, whatever the fleet.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Credential")
@Plural("credentials")
@Singular("credential")
@ShortNames({"llmcred"})
public class Credential extends LeanCustomResource<CredentialSpec, CredentialStatus> implements Namespaced {
  @Override
  protected CredentialSpec initSpec() {
    return new CredentialSpec();
  }

  @Override
  protected CredentialStatus initStatus() {
    return null;
  }
}
