package ai.litellm.operator.it;

import ai.litellm.operator.testing.Await;

import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 defect 1: one proxy's Retry-After must not stall the Model controller. A proxy that answers every call
 * with 429 and a one-day Retry-After gets a fleet of Models; a Model on another proxy must still be Synced at once,
 * the throttled proxy's keys must hold no reconcile permit, and each of them may cost at most one call per
 * {@code --backoff-cap} (the cap of every Retry-After). A Retry-After too large for {@code Duration.toNanos} is
 * capped the same way (not an InternalError) and the Models arrive once the proxy stops throttling.
 */
class ProxyThrottlingIsolationIT {
  static final String NS = "throttle-iso";
  static final int FLEET = 300;
  static Sandbox sandbox;
  static KubernetesClient c;
  static Duration cap;

  @BeforeAll
  static void start() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    // 64 permits: on the old code 300 keys waiting for one proxy hold all of them however many got an answer first.
    cfg.modelConcurrency = 64;
    cap = cfg.backoffCap;
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** An instance whose fake proxy is up (a first Model made the operator resolve it). */
  private static FakeLiteLLM proxyOf(String instance) {
    c.resource(SandboxFixture.instance(NS, instance)).create();
    String warm = instance + "-warm";
    c.resource(SandboxFixture.model(NS, warm, instance, "openai/gpt-4o")).create();
    eventually(warm + " Ready", Duration.ofSeconds(60), () -> ready(c, NS, warm));
    return sandbox.proxies().proxy(NS, instance);
  }

  private static EventLog<?> modelLog() {
    return sandbox.operator().operator().models().log();
  }

  private static double activeWorkers() {
    Gauge g = sandbox.operator().registry().find("controller.runtime.active.workers").tag("controller", "model")
        .gauge();
    return g == null ? Double.NaN : g.value();
  }

  private static String state() {
    EventLog<?> log = modelLog();
    return "active_workers=" + activeWorkers() + " inFlight=" + log.inFlight() + " depth=" + log.depth()
        + " delayed=" + log.delayed();
  }

  /** Calls the proxy received per Model name since {@code since}. */
  private static Map<String, Long> callsPerModel(FakeLiteLLM proxy, Instant since) {
    return proxy.calls().stream().filter(call -> !call.time().isBefore(since))
        .map(ProxyThrottlingIsolationIT::modelNameOf).filter(n -> n != null)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static String modelNameOf(RecordedCall call) {
    if (call.bodySummary().isEmpty()) {
      return null;
    }
    return new JsonObject(call.bodySummary()).getString("model_name");
  }

  @Test
  void aProxyPausedForADayStallsNoOtherProxyAndItsKeysHoldNothing() {
    FakeLiteLLM throttled = proxyOf("paused");
    FakeLiteLLM healthy = proxyOf("healthy");
    throttled.options().alwaysRateLimitedRetryAfter("86400");
    throttled.resetCalls();
    for (int i = 0; i < FLEET; i++) {
      c.resource(SandboxFixture.model(NS, "paused-" + i, "paused", "openai/gpt-4o")).create();
    }
    eventually("the paused proxy answered 429", Duration.ofSeconds(30),
        () -> throttled.calls().stream().anyMatch(call -> call.status() == 429));

    long created = System.nanoTime();
    c.resource(SandboxFixture.model(NS, "on-healthy", "healthy", "openai/gpt-4o")).create();
    eventually("a Model on another proxy Synced within 2 s", Duration.ofSeconds(2),
        () -> ready(c, NS, "on-healthy"), ProxyThrottlingIsolationIT::state);
    System.out.printf("Model on the healthy proxy Synced %d ms after its creation; %s%n",
        Duration.ofNanos(System.nanoTime() - created).toMillis(), state());
    assertTrue(healthy.modelCount() >= 2, "the healthy proxy got its Model");

    eventually("the paused proxy's keys hold no reconcile permit", Duration.ofSeconds(10),
        () -> activeWorkers() <= 2 && modelLog().inFlight() <= 2 && modelLog().delayed() >= FLEET - 10,
        ProxyThrottlingIsolationIT::state);

    // Watch three cap intervals: every key of the paused proxy may cost at most one call per interval (plus the one
    // that may straddle the window's start).
    Instant since = Instant.now();
    long start = System.nanoTime();
    long window = cap.multipliedBy(3).toNanos();
    double busiest = 0;
    double sum = 0;
    int samples = 0;
    while (System.nanoTime() - start < window) {
      // Keys still run now and then (a deferred key looks again at its reservation, briefly), but none waits with a
      // permit: the old code held all 64 all the time.
      double now = activeWorkers();
      busiest = Math.max(busiest, now);
      sum += now;
      samples++;
      Await.sleep(100);
    }
    double mean = sum / samples;
    System.out.printf("workers in use while paused: mean %.1f, busiest %.0f of 64%n", mean, busiest);
    assertTrue(mean <= 8 && busiest <= 32, "no permit held while the proxy is paused: mean " + mean + ", busiest "
        + busiest + "; " + state());
    Map<String, Long> perModel = callsPerModel(throttled, since);
    long allowed = 3 + 1;
    long total = perModel.values().stream().mapToLong(Long::longValue).sum();
    List<String> over = perModel.entrySet().stream().filter(e -> e.getValue() > allowed)
        .map(e -> e.getKey() + "=" + e.getValue()).toList();
    System.out.printf("paused proxy: %d calls in %s for %d Models (%d Models called at all); %s%n", total,
        cap.multipliedBy(3), FLEET, perModel.size(), state());
    assertTrue(over.isEmpty(), "at most one call per key per cap interval; over: " + over);
  }

  @Test
  void aRetryAfterTooLargeForNanosIsCappedNotAnInternalError() {
    FakeLiteLLM proxy = proxyOf("huge");
    proxy.options().alwaysRateLimitedRetryAfter("99999999999999");
    int n = 10;
    for (int i = 0; i < n; i++) {
      c.resource(SandboxFixture.model(NS, "huge-" + i, "huge", "openai/gpt-4o")).create();
    }
    eventually("the proxy answered 429 with the huge Retry-After", Duration.ofSeconds(30),
        () -> proxy.calls().stream().anyMatch(call -> call.status() == 429));
    for (int i = 0; i < n; i++) {
      String name = "huge-" + i;
      eventually(name + " says RateLimited", Duration.ofSeconds(10),
          () -> "RateLimited".equals(reason(c, NS, name, "Ready")), () -> reason(c, NS, name, "Ready"));
    }
    // Two cap intervals: each key at most one call per interval (plus one straddling the start).
    Instant watched = Instant.now();
    Await.sleep(cap.multipliedBy(2).toMillis());
    Map<String, Long> perModel = callsPerModel(proxy, watched);
    System.out.printf("huge Retry-After: calls per Model in %s: %s%n", cap.multipliedBy(2), perModel);
    assertTrue(perModel.values().stream().allMatch(v -> v <= 3), "capped Retry-After honoured: " + perModel);
    proxy.options().alwaysRateLimitedRetryAfter(null);
    for (int i = 0; i < n; i++) {
      String name = "huge-" + i;
      // The Retry-After is capped at the backoff cap (2 s here): a few caps are plenty.
      eventually(name + " Ready once the proxy stops throttling", Duration.ofSeconds(20), () -> ready(c, NS, name),
          ProxyThrottlingIsolationIT::state);
    }
  }
}
