package ai.litellm.operator.metrics;

import static ai.litellm.operator.testing.Await.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.kube.BlockingBridge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /metrics is scraped on the bridge's control lane: it answers while every work thread of the bridge is busy. */
class ManagementServerTest {
  final Vertx vertx = Vertx.vertx();
  final BlockingBridge bridge = new BlockingBridge(vertx, 1);
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    bridge.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void scrapeAnswersWhileTheBridgesWorkThreadsAreBusy() throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    registry.counter("litellm_operator_test_scrapes").increment();
    ManagementServer server = new ManagementServer(vertx, bridge, registry, () -> Map.of("synced", true));
    int port = await(server.start("127.0.0.1", 0));
    CountDownLatch entered = new CountDownLatch(1);
    bridge.call(() -> {
      entered.countDown();
      release.await(); // a slow Kubernetes call holding the only work thread
      return null;
    });
    assertTrue(entered.await(30, TimeUnit.SECONDS));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("litellm_operator_test_scrapes"), metrics.body());
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), ready.body());
    await(server.stop());
  }
}
