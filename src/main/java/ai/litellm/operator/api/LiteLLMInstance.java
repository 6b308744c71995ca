package ai.litellm.operator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A LiteLLM proxy the operator deploys and owns end to end. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("LiteLLMInstance")
@Plural("litellminstances")
@Singular("litellminstance")
@ShortNames({"llmi"})
public class LiteLLMInstance extends LeanCustomResource<LiteLLMInstanceSpec, LiteLLMInstanceStatus>
    implements Namespaced {
  @Override
  protected LiteLLMInstanceSpec initSpec() {
    return new LiteLLMInstanceSpec();
  }

  @Override
  protected LiteLLMInstanceStatus initStatus() {
    return null;
  }
}
