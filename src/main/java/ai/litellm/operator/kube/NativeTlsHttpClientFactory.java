package ai.litellm.operator.kube;

import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import io.vertx.core.http.HttpVersion;
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
  /**
   * HTTP/2 connections to the API server. One multiplexed connection was enough for the load, but Vert.x 5.0.7's pool
   * then cancelled queued stream waiters and threw "Promise already completed" (26–29 times in a 10k run, one run
   * stalled); with 4 it did not (docs/performance.md, issue #15).
   */
  static final int HTTP2_CONNECTIONS = 4;
  private static volatile boolean reported;

  private final boolean http2;

  /** @param http2 speak HTTP/2 (ALPN) to the API server: see {@link #http2Wanted} */
  NativeTlsHttpClientFactory(boolean http2) {
    this(http2, null);
  }

  /** @param vertx the Vert.x the client runs on (its owner closes it); null: one fabric8 makes and closes */
  NativeTlsHttpClientFactory(boolean http2, io.vertx.core.Vertx vertx) {
    super(vertx);
    this.http2 = http2;
  }

  /**
   * HTTP/2 unless the API server is not TLS (ALPN is how the two agree on it) or it is turned off the fabric8 way
   * ({@code KUBERNETES_HTTP2_DISABLE=true}, {@code -Dkubernetes.http2.disable=true}, or the Config's own flag). fabric8's
   * Vert.x client speaks HTTP/1.1 otherwise, one TLS connection per request in flight; over HTTP/2 the same writes
   * cost the API server 8–14 % less CPU in interleaved pairs of 10k-Model runs (docs/performance.md).
   */
  static boolean http2Wanted(Config config) {
    String url = config.getMasterUrl();
    return url != null && url.toLowerCase(java.util.Locale.ROOT).startsWith("https:") && !config.isHttp2Disable()
        && !Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_HTTP2_DISABLE, false);
  }

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
    if (http2) {
      // Watches stay on the WebSocket client (HTTP/1.1); requests and lists share the multiplexed connections.
      web.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true);
      pool.setHttp2MaxSize(HTTP2_CONNECTIONS);
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
