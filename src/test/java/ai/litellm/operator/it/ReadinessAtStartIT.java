package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.sharding.CuttableLeaseStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /readyz never says ready before the informers of every watched namespace have their initial lists. The
 * peer-bench's run script polls /readyz twice and gave up on "ready, then not ready" at start: every informer set
 * was "synced" while it held no informer yet (before the sharding mode started, and between one namespace's instance
 * informers and its Model informers).
 */
class ReadinessAtStartIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aReplicaThatHasNotStartedItsShardingIsNotReady() throws Exception {
    CountDownLatch leasesAnswer = new CountDownLatch(1);
    int port = freePort();
    try (MultiReplicaSandbox env = new MultiReplicaSandbox()) {
      OperatorConfig cfg = SandboxFixture.testConfig();
      cfg.shardingMode = "ring";
      cfg.identity = "starting";
      cfg.leaseName = "litellm-operator";
      cfg.managementPort = port;
      // The Lease API does not answer yet: the replica cannot join the ring, so it watches nothing so far.
      CompletableFuture<OperatorProcess> starting = CompletableFuture.supplyAsync(
          () -> env.startReplica(cfg, store -> new CuttableLeaseStore(store, () -> await(leasesAnswer))));
      try {
        HttpResponse<String> first = eventuallyAnswered(port);
        assertEquals(503, first.statusCode(), "ready before the replica started: " + first.body());
        assertEquals(Boolean.FALSE, new JsonObject(first.body()).getBoolean("started"), first.body());
      } finally {
        leasesAnswer.countDown();
      }
      OperatorProcess replica = starting.get(2, TimeUnit.MINUTES);
      eventually("ready once started", Duration.ofSeconds(60), () -> replica.readinessChecks().ready(),
          () -> replica.readinessChecks().get().toString());
    }
  }

  @Test
  void aNamespaceWhoseInformersAreStillStartingKeepsTheReplicaNotReady() throws Exception {
    try (MultiReplicaSandbox env = new MultiReplicaSandbox()) {
      SandboxFixture.namespace(env.client, "first");
      SandboxFixture.namespace(env.client, "second");
      OperatorConfig cfg = SandboxFixture.testConfig();
      cfg.namespaces = List.of("first");
      cfg.kubeThreads = 2;
      OperatorProcess replica = env.startReplica(cfg);
      eventually("ready on the first namespace", Duration.ofSeconds(60), () -> replica.readinessChecks().ready());

      // Every work thread of the bridge is taken (the pool runs its queue in order): the second namespace's informers
      // are asked for but cannot start.
      BlockingBridge bridge = replica.operator().kube().bridge();
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Object>> busy = new ArrayList<>();
      for (int i = 0; i < cfg.kubeThreads; i++) {
        busy.add(bridge.call(() -> release.await(2, TimeUnit.MINUTES)));
      }
      Future<Void> watch;
      try {
        watch = replica.operator().watch("second");
        Map<String, Boolean> checks = replica.readinessChecks().get();
        assertFalse(replica.readinessChecks().ready(), "ready while namespace second has no informer yet: " + checks);
        assertEquals(Boolean.FALSE, checks.get("namespaceWatchesStarted"), checks.toString());
      } finally {
        release.countDown();
      }
      watch.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertTrue(replica.readinessChecks().ready(), replica.readinessChecks().get().toString());
    }
  }

  private static HttpResponse<String> eventuallyAnswered(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(5)).build();
    while (true) {
      try {
        return HTTP.send(readyz, HttpResponse.BodyHandlers.ofString());
      } catch (IOException notListeningYet) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("/readyz never answered on port " + port, notListeningYet);
        }
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits until the test lets the Lease API answer. */
  private static void await(CountDownLatch answer) {
    try {
      answer.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
