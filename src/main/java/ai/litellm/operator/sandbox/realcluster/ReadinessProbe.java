package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Polls health endpoints of the control-plane components until they answer as expected. Uses the JDK HTTP client
 * (not fabric8) so probing has no dependency on the client under test; TLS trusts only the run's own CA.
 */
final class ReadinessProbe {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private final HttpClient http;

  ReadinessProbe(Path caCert) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(trustingOnly(caCert))
            .build();
  }

  /**
   * Waits until {@code GET uri} answers 200 with a body accepted by {@code bodyCheck}. Fails fast with the
   * component's log tail when one of {@code mustStayAlive} exits, and at {@code deadline}.
   */
  void await(
      String what,
      URI uri,
      String bearerToken,
      Predicate<String> bodyCheck,
      Instant deadline,
      List<ManagedProcess> mustStayAlive) {
    String lastObservation = "no answer yet";
    while (true) {
      for (ManagedProcess p : mustStayAlive) {
        if (!p.isAlive()) {
          throw new RealControlPlaneException(
              p.name() + " exited while waiting for " + what + "; last log lines of " + p.logFile() + ":\n"
                  + p.logTail(LOG_TAIL_LINES));
        }
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
      if (bearerToken != null) {
        request.header("Authorization", "Bearer " + bearerToken);
      }
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && bodyCheck.test(response.body())) {
          return;
        }
        lastObservation = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
      } catch (IOException e) {
        lastObservation = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RealControlPlaneException("interrupted while waiting for " + what, e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new RealControlPlaneException("timed out waiting for " + what + " at " + uri + " (" + lastObservation + ")");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RealControlPlaneException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }

  private static SSLContext trustingOnly(Path caCert) {
    try (InputStream in = Files.newInputStream(caCert)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("real-control-plane-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new RealControlPlaneException("cannot load CA certificate " + caCert, e);
    }
  }
}
