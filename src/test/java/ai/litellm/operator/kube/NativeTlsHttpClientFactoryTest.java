package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class NativeTlsHttpClientFactoryTest {
  private static Config config(String url, boolean http2Disable) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(url).withHttp2Disable(http2Disable).build();
  }

  @Test
  void http2OnlyToATlsApiServerAndNotWhenTurnedOff() {
    assertTrue(NativeTlsHttpClientFactory.http2Wanted(config("https://10.0.0.1:6443", false)));
    assertFalse(NativeTlsHttpClientFactory.http2Wanted(config("http://127.0.0.1:8080", false)), "no ALPN without TLS");
    assertFalse(NativeTlsHttpClientFactory.http2Wanted(config("https://10.0.0.1:6443", true)), "the Config's flag");
    System.setProperty(Config.KUBERNETES_HTTP2_DISABLE, "true");
    try {
      assertFalse(NativeTlsHttpClientFactory.http2Wanted(config("https://10.0.0.1:6443", false)),
          "fabric8's switch (KUBERNETES_HTTP2_DISABLE / -Dkubernetes.http2.disable)");
    } finally {
      System.clearProperty(Config.KUBERNETES_HTTP2_DISABLE);
    }
  }
}
