package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.litellm.operator.api.SharingSerialization;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * The operator's client names itself, so the API server files its finalizer and status patches under
 * "litellm-operator" (OperatorRealClusterTest checks the managedFields on a real API server), unless a User-Agent was
 * configured.
 */
class KubeClientsTest {

  @Test
  void fabric8sDefaultUserAgentBecomesTheOperatorsName() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443")
        .withUserAgent("fabric8-kubernetes-client/8.0.0").build();
    assertEquals("litellm-operator/dev", KubeClients.userAgent(config), "no jar manifest in a test run");
    assertEquals("litellm-operator/dev", KubeClients.userAgent(new ConfigBuilder(config).withUserAgent(null).build()));
    try (var client = KubeClients.create(config)) {
      assertEquals("litellm-operator/dev", client.getConfiguration().getUserAgent());
      assertSame(SharingSerialization.instance(), client.getKubernetesSerialization(), "decodes with shared strings");
    }
  }

  @Test
  void aConfiguredUserAgentIsKept() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443")
        .withUserAgent("platform-team/7").build();
    assertEquals("platform-team/7", KubeClients.userAgent(config));
  }
}
