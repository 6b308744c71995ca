package ai.litellm.operator.controller.model;

import static ai.litellm.operator.testing.Await.await;
import static ai.litellm.operator.testing.Await.awaitFailure;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credential calls go through the same per-proxy call layer as model calls: counted by endpoint and status class,
 * bound to a reconcile's fence, and a delete of a name LiteLLM does not have counts as deleted.
 */
class LiteLLMCallsCredentialsTest {
  private static final JsonObject VALUES = new JsonObject().put("api_key", "sk-calls-test-secret-31337");
  private static final JsonObject INFO = new JsonObject().put("description", "prod");

  private Vertx vertx;
  private FakeLiteLLM fake;
  private LiteLLMClient client;
  private SimpleMeterRegistry registry;
  private LiteLLMMetrics metrics;
  private LiteLLMCalls calls;
  private LiteLLMEndpoint ep;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fake = await(FakeLiteLLM.start(vertx, new FakeLiteLLMOptions()));
    client = LiteLLMClient.create(vertx, new LiteLLMClientOptions().requestTimeout(Duration.ofSeconds(10)));
    DownstreamLimiters limiters = DownstreamLimiters.of(vertx, LimiterSettings.unlimited(),
        LimiterSettings.unlimited(), null);
    registry = new SimpleMeterRegistry();
    metrics = new LiteLLMMetrics(registry);
    calls = new LiteLLMCalls(client, limiters, metrics);
    ep = new LiteLLMEndpoint(fake.baseUrl(), fake.options().masterKey());
  }

  @AfterEach
  void tearDown() {
    client.close();
    await(fake.close());
    await(vertx.close());
  }

  private CredentialPort duringReconcile() {
    return calls.during(new ReconcileRequest<Void>("ns/c", "ns", "c", 1, true, 1, 0, null));
  }

  @Test
  void theCredentialSeriesExistAtZeroFromTheStart() {
    for (String endpoint : List.of("credential_new", "credential_update", "credential_delete", "credential_get")) {
      for (String cls : List.of("2xx", "4xx", "429", "5xx", "error")) {
        Counter c = registry.find("litellm_operator_litellm_requests").tag("endpoint", endpoint)
            .tag("status_class", cls).counter();
        assertNotNull(c, endpoint + " " + cls);
        assertEquals(0.0, c.count());
      }
      assertNotNull(registry.find("litellm_operator_litellm_rate_limited").tag("endpoint", endpoint).counter());
    }
  }

  @Test
  void everyCredentialCallIsCountedByEndpointAndStatusClass() {
    CredentialPort port = duringReconcile();
    await(port.createCredential(ep, "openai", VALUES, INFO));
    assertEquals("openai", await(port.getCredential(ep, "openai")).orElseThrow().name());
    await(port.updateCredential(ep, "openai", VALUES, INFO));
    await(port.deleteCredential(ep, "openai"));
    assertEquals(Optional.empty(), await(port.getCredential(ep, "openai")));
    LiteLLMException missing = assertInstanceOf(LiteLLMException.class,
        awaitFailure(port.updateCredential(ep, "openai", VALUES, INFO)));
    assertEquals(LiteLLMException.Kind.NOT_FOUND, missing.kind(), "an update of a missing name still fails");

    assertEquals(1, metrics.count("credential_new", "2xx"));
    // The read after the delete got a 404, which the client answers as "empty", as model reads do: not an error.
    assertEquals(2, metrics.count("credential_get", "2xx"));
    assertEquals(0, metrics.count("credential_get", "4xx"));
    assertEquals(1, metrics.count("credential_update", "2xx"));
    assertEquals(1, metrics.count("credential_update", "4xx"), "HTTP 200 carrying code 404 counts as its code");
    assertEquals(1, metrics.count("credential_delete", "2xx"));
    assertEquals(0, metrics.count("model_new", "2xx"));
  }

  @Test
  void aDeleteOfAMissingCredentialSucceeds() {
    await(duringReconcile().deleteCredential(ep, "never-created"));
    await(calls.deleteCredential(ep, "never-created"));
    // The fake answers as the older handlers do: HTTP 200 carrying Prisma's "Record to delete does not exist", code
    // 500. The metric keeps what LiteLLM said; only the port reads it as "already deleted".
    assertEquals(2, metrics.count("credential_delete", "5xx"));
    eventually("both deletes reached the proxy", // recorded after the answer
        () -> fake.calls("/credentials/never-created").size() == 2);
  }

  @Test
  void aCredentialCallTheFenceLeavesNoTimeForIsNotMade() {
    Fence now = () -> 0;
    CredentialPort port = calls.during(new ReconcileRequest<Void>("ns/c", "ns", "c", 1, true, 1, 0, null)
        .withFence(now));
    ModelProblem p = assertInstanceOf(ModelProblem.class, awaitFailure(port.createCredential(ep, "c", VALUES, INFO)));
    assertEquals(LiteLLMCalls.FENCED, p.reason());
    assertInstanceOf(ModelProblem.class, awaitFailure(port.deleteCredential(ep, "c")), "not read as deleted");
    assertEquals(List.of(), fake.calls(), "nothing reached the proxy");
  }
}
