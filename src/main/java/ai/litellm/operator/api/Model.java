package ai.litellm.operator.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One model deployment registered in a running LiteLLM proxy through its management API. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Model")
@Plural("models")
@Singular("model")
@ShortNames({"llmm"})
public class Model extends LeanCustomResource<ModelSpec, ModelStatus> implements Namespaced {
  @Override
  protected ModelSpec initSpec() {
    return new ModelSpec();
  }

  @Override
  protected ModelStatus initStatus() {
    return null;
  }
}
