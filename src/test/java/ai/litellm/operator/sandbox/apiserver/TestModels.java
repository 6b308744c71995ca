package ai.litellm.operator.sandbox.apiserver;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Model fixtures for the embedded API server tests. */
final class TestModels {
  private TestModels() {}

  static Model model(String namespace, String name, String providerModel) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    m.getSpec().modelName = name;
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = providerModel;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    return m;
  }
}
