package ai.litellm.operator.kube;

import static ai.litellm.operator.testing.Await.await;

import ai.litellm.operator.testing.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import ai.litellm.operator.eventlog.EventLogMetrics;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.LimiterSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controllers' writes through the Kubernetes port, on the embedded API server: the status and finalizer patches
 * land without a blocked thread, each returns the object as it left it (with the server's new resourceVersion), reads
 * see the operator's own write before the informer does, and failures carry the API server's code (a stale
 * resourceVersion is 422, a missing object 404) so retries classify them as before.
 */
class KubernetesResourcesTest {
  static EmbeddedApiServer api;
  static KubernetesClient client;
  static Vertx vertx;
  static KubeRequestLimiter limiter;
  static InformerSet<Model> cache;
  static KubernetesPort<Model> port;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
    client = api.newClient();
    vertx = Vertx.vertx();
    limiter = new KubeRequestLimiter(new DownstreamLimiters(vertx, n -> LimiterSettings.unlimited(),
        EventLogMetrics.noop()).forDownstream("kubernetes-writes"), new SimpleMeterRegistry());
    BlockingBridge bridge = new BlockingBridge(vertx, 2);
    KubeServices kube = new KubeServices(client, bridge, new AsyncJsonPatch(client, vertx), limiter,
        new SecretReader(client, bridge, limiter, Duration.ofSeconds(1)),
        new EventRecorder(client, bridge, limiter, "test-replica", java.time.Clock.systemUTC()));
    cache = new InformerSet<>(client, Model.class, Duration.ofMinutes(10), new IgnoredEvents<>());
    port = kube.port(Model.class, cache);
    SandboxFixture.namespace(client, "team");
    cache.start("team");
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    api.close();
  }

  private static Model stored(String name) {
    return client.resources(Model.class).inNamespace("team").withName(name).get();
  }

  @Test
  void writesLandAndReturnTheObjectAsTheyLeftIt() throws Exception {
    Model m = client.resource(SandboxFixture.model("team", "a", "proxy", "openai/gpt-4o")).create();
    Model withFinalizer = await(port.addFinalizer(m));
    assertTrue(Finalizers.has(withFinalizer));
    assertEquals(stored("a").getMetadata().getResourceVersion(), withFinalizer.getMetadata().getResourceVersion(),
        "the view carries the resourceVersion the server returned");
    assertTrue(m.getMetadata().getFinalizers() == null || !m.getMetadata().getFinalizers().contains(Finalizers.NAME),
        "the object written from is not mutated");

    ModelStatus st = new ModelStatus();
    st.modelId = "id-a";
    st.modelName = "a";
    Model withStatus = await(port.writeStatus(withFinalizer, st)); // chained on the view: its resourceVersion test
    Model after = stored("a");
    assertTrue(Finalizers.has(after), "finalizer added");
    assertEquals("id-a", after.getStatus().modelId);
    assertEquals(after.getMetadata().getResourceVersion(), withStatus.getMetadata().getResourceVersion());
    assertEquals("id-a", withStatus.getStatus().modelId);
  }

  @Test
  void readsSeeOwnWritesAtOnceAndTheInformerTakesOverWhenItCatchesUp() throws Exception {
    for (int i = 0; i < 20; i++) {
      Model m = client.resource(SandboxFixture.model("team", "r" + i, "proxy", "openai/gpt-4o")).create();
      Model withFinalizer = await(port.addFinalizer(m));
      // However far the informer lags, the next read (a retry, a requeue) sees the finalizer and does not patch again.
      assertTrue(Finalizers.has(port.get("team", "r" + i)), "own finalizer write visible at once");
      ModelStatus st = new ModelStatus();
      st.modelId = "id-" + i;
      await(port.writeStatus(withFinalizer, st));
      Model read = port.get("team", "r" + i);
      assertEquals("id-" + i, read.getStatus().modelId, "own status write visible at once");
      assertTrue(Finalizers.has(read), "the chained status write keeps the finalizer in the view");
    }
    Await.eventually("the informer caught up and the overlay let go", () -> cache.pendingOwnWrites() == 0);
    assertEquals("id-7", cache.get("team", "r7").getStatus().modelId);
  }

  @Test
  void failuresCarryTheServersCode() throws Exception {
    Model m = client.resource(SandboxFixture.model("team", "b", "proxy", "openai/gpt-4o")).create();
    Model stale = stored("b");
    m.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
    client.resource(m).update(); // moves the resourceVersion past `stale`

    Throwable conflict = Await.awaitFailure(port.addFinalizer(stale));
    assertEquals(422, assertInstanceOf(KubernetesClientException.class, conflict).getCode());
    assertEquals(List.of(), stored("b").getMetadata().getFinalizers(), "nothing written on a failed test");

    Model gone = SandboxFixture.model("team", "no-such-model", "proxy", "openai/gpt-4o");
    gone.getMetadata().setResourceVersion("1");
    Throwable missing = Await.awaitFailure(port.writeStatus(gone, new ModelStatus()));
    assertEquals(404, assertInstanceOf(KubernetesClientException.class, missing).getCode());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        KubernetesClient mute = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:" + silent.getLocalPort())
                .withRequestTimeout(1000).withRequestRetryBackoffLimit(0).build()).build()) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            silent.accept(); // accept, read nothing, answer nothing
          }
        } catch (java.io.IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      AsyncJsonPatch patcher = new AsyncJsonPatch(mute, vertx);
      long start = System.nanoTime();
      Throwable e = Await.awaitFailure(patcher.patch(Model.class, "team", "a", "status", "[]"));
      assertInstanceOf(KubernetesClientException.class, e);
      assertTrue((System.nanoTime() - start) / 1e9 < 15, "failed by the 1 s request timeout, not hanging");
    }
  }
}
