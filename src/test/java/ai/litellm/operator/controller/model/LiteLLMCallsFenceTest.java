package ai.litellm.operator.controller.model;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.eventlog.Fence;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.LimiterSettings;
import ai.litellm.operator.litellm.LiteLLMClient;
import ai.litellm.operator.litellm.LiteLLMClientOptions;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.metrics.LiteLLMMetrics;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM calls of a reconcile end by its fence: a call the fence leaves no time for never reaches the proxy, a call
 * in flight when the fence comes is dropped by then and fails as the transient problem {@code Fenced}, and without a
 * fence the configured timeout applies. The proxy is the fake LiteLLM answering in 5 s.
 */
class LiteLLMCallsFenceTest {
  private static final Duration LATENCY = Duration.ofSeconds(5);

  private Vertx vertx;
  private FakeLiteLLM fake;
  private LiteLLMClient client;
  private LiteLLMCalls calls;
  private LiteLLMEndpoint ep;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fake = await(FakeLiteLLM.start(vertx, new FakeLiteLLMOptions().latencyMs(LATENCY.toMillis())));
    client = LiteLLMClient.create(vertx, new LiteLLMClientOptions().requestTimeout(Duration.ofSeconds(30)));
    DownstreamLimiters limiters = DownstreamLimiters.of(vertx, LimiterSettings.unlimited(),
        LimiterSettings.unlimited(), null);
    calls = new LiteLLMCalls(client, limiters, new LiteLLMMetrics(new SimpleMeterRegistry()));
    ep = new LiteLLMEndpoint(fake.baseUrl() + "/", fake.options().masterKey());
  }

  @AfterEach
  void tearDown() {
    client.close();
    await(fake.close());
    await(vertx.close());
  }

  private LiteLLMPort fencedAt(long fenceNanos) {
    Fence fence = () -> fenceNanos - System.nanoTime();
    return calls.during(new ReconcileRequest<Void>("ns/m", "ns", "m", 1, true, 1, 0, null).withFence(fence));
  }

  private static JsonObject deployment() {
    return new JsonObject().put("model_name", "m").put("litellm_params", new JsonObject().put("model", "openai/x"))
        .put("model_info", new JsonObject().put("id", "fence-test-id"));
  }

  private static ModelProblem fencedProblem(Throwable t) {
    ModelProblem p = assertInstanceOf(ModelProblem.class, t, String.valueOf(t));
    assertEquals("Fenced", p.reason());
    assertFalse(p.isPermanent());
    return p;
  }

  @Test
  void aCallTheFenceLeavesNoTimeForIsNotMade() {
    LiteLLMPort port = fencedAt(System.nanoTime() + LiteLLMCalls.FENCE_MARGIN.toNanos() / 2);
    ModelProblem p = fencedProblem(awaitFailure(port.create(ep, deployment())));
    assertTrue(p.getMessage().contains("not called"), p.getMessage());
    fencedProblem(awaitFailure(port.list(ep)));
    assertEquals(List.of(), fake.calls(), "nothing reached the proxy");
  }

  @Test
  void aCallInFlightAtTheFenceIsDroppedByTheFence() {
    long fenceNanos = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    Instant fence = Instant.now().plusSeconds(1);
    ModelProblem p = fencedProblem(awaitFailure(fencedAt(fenceNanos).create(ep, deployment())));
    assertTrue(p.getMessage().contains("cut short"), p.getMessage());
    // Far from the 5 s the proxy takes to answer (the slack is for a loaded machine, not a performance bound).
    Duration slack = LATENCY.dividedBy(2);
    assertTrue(System.nanoTime() - fenceNanos < slack.toNanos(), "the caller stopped waiting at the fence");
    // The fake records a call when its response ended or its connection was dropped: the replica dropped it.
    ai.litellm.operator.testing.Await.eventually("the proxy got the call", LATENCY.multipliedBy(2),
        () -> !fake.calls().isEmpty());
    RecordedCall call = fake.calls().get(0);
    assertTrue(call.time().isBefore(fence.plus(slack)), "the request ended by the fence: " + call + ", fence " + fence);
  }

  @Test
  void withoutAFenceTheConfiguredTimeoutApplies() {
    LiteLLMPort port = calls.during(new ReconcileRequest<Void>("ns/m", "ns", "m", 1, true, 1, 0, null));
    assertEquals("fence-test-id", await(port.create(ep, deployment())).id());
  }

  @Test
  void aTimeoutWhileTheFenceMovesOnIsTheProxysNotAFence() {
    // A fence far away that keeps moving (renewals) but a call timeout shorter than the proxy's answer.
    Fence renewed = () -> Duration.ofSeconds(1).toNanos();
    LiteLLMPort port = calls.during(new ReconcileRequest<Void>("ns/m", "ns", "m", 1, true, 1, 0, null)
        .withFence(renewed));
    LiteLLMException e = assertInstanceOf(LiteLLMException.class, awaitFailure(port.list(ep)));
    assertEquals(LiteLLMException.Kind.UNAVAILABLE, e.kind());
  }

  /** Polls a condition (the fake records asynchronously). */
}
