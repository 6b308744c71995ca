package ai.litellm.operator.kube;

import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's Vert.x 5 client with TLS done by BoringSSL (netty-tcnative) where it is available: every watch event and
 * every write travels over TLS, and the JDK's AES-GCM (GHASH in Java unless C2 has compiled its intrinsic) was the
 * largest single cost in a 10k-Model profile. Falls back to the JDK's TLS, with one log line, on platforms without
 * the native library.
 */
final class NativeTlsHttpClientFactory extends Vertx5HttpClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(NativeTlsHttpClientFactory.class);
  private static volatile boolean reported;

  @Override
  protected void additionalConfig(WebClientOptions web, WebSocketClientOptions webSocket, PoolOptions pool) {
    if (OpenSSLEngineOptions.isAvailable()) {
      web.setSslEngineOptions(new OpenSSLEngineOptions());
      webSocket.setSslEngineOptions(new OpenSSLEngineOptions());
      report("Kubernetes API TLS: OpenSSL (BoringSSL)", null);
    } else {
      report("Kubernetes API TLS: the JDK's, which costs far more CPU per request (native OpenSSL not available: {})",
          String.valueOf(io.netty.handler.ssl.OpenSsl.unavailabilityCause()));
    }
  }

  /** True when this JVM can use the native TLS engine. */
  static boolean nativeTlsAvailable() {
    return OpenSSLEngineOptions.isAvailable();
  }

  private static void report(String message, String arg) {
    if (!reported) {
      reported = true;
      if (arg == null) {
        LOG.info(message);
      } else {
        LOG.warn(message, arg);
      }
    }
  }
}
