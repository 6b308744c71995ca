package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The examples in docs/examples rendered and compared byte for byte with src/test/resources/golden. */
class GoldenFileTest {

  @Test
  void instanceObjects() {
    Golden.assertMatches("litellm-instance.yaml", yaml(InstanceRenderer.render(Examples.instance(), Examples.inputs())));
  }

  @Test
  void instanceProxyConfig() {
    RenderedInstance rendered = InstanceRenderer.render(Examples.instance(), Examples.inputs());
    Golden.assertMatches("litellm-instance.config.yaml", rendered.configMap().getData().get(InstanceNames.CONFIG_KEY));
  }

  @Test
  void instanceWithGatewayInsteadOfIngress() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().ingress.enabled = false;
    instance.getSpec().gateway.enabled = true;
    RenderedInstance rendered = InstanceRenderer.render(instance, Examples.inputs());
    Golden.assertMatches("litellm-instance.httproute.yaml", Serialization.asYaml(rendered.httpRoute()));
  }

  @Test
  void modelWithInstanceRef() {
    Model model = Examples.model("model-instance-ref.yaml");
    ModelPayload payload = ModelPayloadRenderer.render(model,
        SecretData.decode(Examples.secrets().get("anthropic-credentials")), "instance:ai/litellm-example", "test-install");
    Golden.assertMatches("model-instance-ref.json", json(payload));
  }

  @Test
  void modelWithSecretRef() {
    Model model = Examples.model("model-secret-ref.yaml");
    ModelPayload payload = ModelPayloadRenderer.render(model,
        SecretData.decode(Examples.secrets().get("aws-bedrock-credentials")), "secret:ai/external-litellm-connection", "test-install");
    Golden.assertMatches("model-secret-ref.json", json(payload));
  }

  static String yaml(RenderedInstance rendered) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : rendered.all()) {
      String doc = Serialization.asYaml(object);
      out.append(doc.startsWith("---\n") ? doc : "---\n" + doc);
    }
    return out.toString();
  }

  static String json(ModelPayload payload) {
    return new JsonObject()
        .put("modelId", payload.modelId())
        .put("payloadHash", payload.payloadHash())
        .put("body", payload.body())
        .put("statusParams", new JsonObject(Serialization.asJson(payload.statusParams())))
        .encodePrettily() + "\n";
  }
}
