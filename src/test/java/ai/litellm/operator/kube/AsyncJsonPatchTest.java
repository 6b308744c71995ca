package ai.litellm.operator.kube;

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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controllers' writes without a blocked thread: the status and finalizer patches land, and failures carry the API
 * server's code (a stale resourceVersion is 422, a missing object 404) so retries classify them as before.
 */
class AsyncJsonPatchTest {
  static EmbeddedApiServer api;
  static KubernetesClient client;
  static Vertx vertx;
  static StatusPatcher status;
  static Finalizers finalizers;
  static KubeRequestLimiter limiter;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
    client = api.newClient();
    vertx = Vertx.vertx();
    AsyncJsonPatch patcher = new AsyncJsonPatch(client, vertx);
    limiter = new KubeRequestLimiter(
        new ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters(vertx,
            name -> ai.litellm.operator.eventlog.ratelimit.LimiterSettings.unlimited(),
            ai.litellm.operator.eventlog.EventLogMetrics.noop()).forDownstream("kubernetes-writes"),
        new SimpleMeterRegistry());
    status = new StatusPatcher(patcher, limiter);
    finalizers = new Finalizers(patcher, limiter);
    SandboxFixture.namespace(client, "team");
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    api.close();
  }

  @Test
  void statusAndFinalizerPatchesLand() throws Exception {
    Model m = client.resource(SandboxFixture.model("team", "a", "proxy", "openai/gpt-4o")).create();
    await(finalizers.add(Model.class, m));
    ModelStatus st = new ModelStatus();
    st.modelId = "id-a";
    st.modelName = "a";
    await(status.patch(Model.class, "team", "a", st));

    Model stored = client.resources(Model.class).inNamespace("team").withName("a").get();
    assertTrue(Finalizers.has(stored), "finalizer added");
    assertEquals("id-a", stored.getStatus().modelId);
  }

  @Test
  void failuresCarryTheServersCode() throws Exception {
    Model m = client.resource(SandboxFixture.model("team", "b", "proxy", "openai/gpt-4o")).create();
    Model stale = client.resources(Model.class).inNamespace("team").withName("b").get();
    m.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
    client.resource(m).update(); // moves the resourceVersion past `stale`

    ExecutionException conflict = failure(finalizers.add(Model.class, stale));
    assertEquals(422, assertInstanceOf(KubernetesClientException.class, conflict.getCause()).getCode());
    assertEquals(List.of(), client.resources(Model.class).inNamespace("team").withName("b").get().getMetadata()
        .getFinalizers(), "nothing written on a failed test");

    ExecutionException missing = failure(status.patch(Model.class, "team", "no-such-model", new ModelStatus()));
    assertEquals(404, assertInstanceOf(KubernetesClientException.class, missing.getCause()).getCode());
  }

  @Test
  void aRetryOnAStaleCacheDoesNotPatchTheFinalizerAgain() throws Exception {
    Model stale = client.resource(SandboxFixture.model("team", "c", "proxy", "openai/gpt-4o")).create();
    await(finalizers.add(Model.class, stale));
    long patches = limiter.requestsByVerb().getOrDefault("patch", 0L);
    // The informer has not delivered our patch yet: the same old version comes back. No second patch (it would fail
    // the resourceVersion test with 422 and cost a retry).
    await(finalizers.add(Model.class, stale));
    assertEquals(patches, limiter.requestsByVerb().getOrDefault("patch", 0L));

    // Someone removed it after the cache caught up: a newer version without it is patched again.
    Model current = client.resources(Model.class).inNamespace("team").withName("c").get();
    current.getMetadata().setFinalizers(List.of());
    Model removed = client.resource(current).update();
    await(finalizers.add(Model.class, removed));
    assertEquals(patches + 1, limiter.requestsByVerb().getOrDefault("patch", 0L));
    assertTrue(Finalizers.has(client.resources(Model.class).inNamespace("team").withName("c").get()));
  }

  private static void await(Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static ExecutionException failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
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
      ExecutionException e = failure(patcher.patch(Model.class, "team", "a", "status", "[]"));
      assertInstanceOf(KubernetesClientException.class, e.getCause());
      assertTrue((System.nanoTime() - start) / 1e9 < 15, "failed by the 1 s request timeout, not hanging");
    }
  }
}
