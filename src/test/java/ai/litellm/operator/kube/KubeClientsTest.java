package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.SharingSerialization;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  @Test
  void theClientRunsOnTheVertxItIsGivenWithOneEventLoopPerTwoCores() throws Exception {
    String dnsBefore = System.getProperty("vertx.disableDnsResolver");
    Vertx clientVertx = KubeClients.newClientVertx();
    Vertx server = Vertx.vertx();
    try {
      assertEquals(dnsBefore, System.getProperty("vertx.disableDnsResolver"), "the JVM-wide property is restored");
      int loops = 0;
      for (var loop : ((VertxInternal) clientVertx).nettyEventLoopGroup()) {
        loops++;
      }
      assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), loops);
      // the answer comes late, so the callback runs where the response is delivered, not on this thread
      int port = server.createHttpServer()
          .requestHandler(req -> server.setTimer(200, t -> req.response().end("{\"major\":\"1\",\"minor\":\"20\"}")))
          .listen(0).await(10, TimeUnit.SECONDS).actualPort();
      Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
      try (KubernetesClient client = KubeClients.create(config, clientVertx)) {
        CompletableFuture<Object> deliveredOn = new CompletableFuture<>();
        client.getHttpClient().sendAsync(client.getHttpClient().newHttpRequestBuilder()
            .uri("http://127.0.0.1:" + port + "/version").build(), String.class)
            .whenComplete((response, error) -> {
              Context ctx = Vertx.currentContext();
              deliveredOn.complete(error != null ? error : ctx == null ? "no Vert.x context" : ctx.owner());
            });
        assertSame(clientVertx, deliveredOn.get(10, TimeUnit.SECONDS));
      }
      // closing the client leaves its Vert.x to its owner (OperatorProcess closes it after the client)
      assertTrue(Objects.equals(42L, clientVertx.executeBlocking(() -> 42L).await(10, TimeUnit.SECONDS)));
    } finally {
      clientVertx.close().await(10, TimeUnit.SECONDS);
      server.close().await(10, TimeUnit.SECONDS);
    }
  }
}
