package ai.litellm.operator.it;

import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.SandboxCluster;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Helpers for integration tests on the embedded API server and fake LiteLLM proxies. */
public final class SandboxFixture {
  private SandboxFixture() {}

  /** Fast settings for tests: short backoff, short secret TTL, drift passes only when a test asks. */
  public static OperatorConfig testConfig() {
    OperatorConfig cfg = new OperatorConfig();
    cfg.partitions = 4;
    cfg.managementPort = 0;
    cfg.managementHost = "127.0.0.1";
    cfg.backoffBase = Duration.ofMillis(50);
    cfg.backoffCap = Duration.ofSeconds(2);
    cfg.secretCacheTtl = Duration.ofMillis(200);
    cfg.driftInterval = Duration.ofHours(1);
    cfg.consistencyGrace = Duration.ZERO;
    cfg.resyncPeriod = Duration.ofMinutes(30);
    return cfg;
  }

  public static Sandbox start(OperatorConfig cfg, Supplier<FakeLiteLLMOptions> proxies) {
    return Sandbox.start(cfg, 0, proxies);
  }

  /**
   * A sandbox whose API server stores custom resources as sent, as under an older or laxer CRD (or objects stored
   * before the CRD's rules): for tests of what the controllers do with input the current schema would refuse.
   */
  public static Sandbox startWithoutSchemaAdmission(OperatorConfig cfg, Supplier<FakeLiteLLMOptions> proxies) {
    return Sandbox.start(cfg, SandboxCluster.embedded(EmbeddedApiServerOptions.defaults().withSchemaAdmission(false)),
        proxies);
  }

  public static void namespace(KubernetesClient c, String ns) {
    if (c.namespaces().withName(ns).get() == null) {
      c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
  }

  public static LiteLLMInstance instance(String ns, String name) {
    LiteLLMInstance i = new LiteLLMInstance();
    i.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    return i;
  }

  public static Model model(String ns, String name, String instance, String providerModel) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    m.getSpec().modelName = name;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, instance);
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = providerModel;
    return m;
  }

  public static void secret(KubernetesClient c, String ns, String name, Map<String, String> data) {
    c.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(name)
        .endMetadata().withStringData(data).build()).createOr(x -> x.update());
  }

}
