package ai.litellm.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fresh-change figure of `bench models` is the operator's latency, not the probe's own pace. */
class FreshChangeProbeTest {
  private static final long CHANGE_MILLIS = 200;
  private static final long SYNC_MILLIS = 20;

  /**
   * Each change takes 200 ms to be accepted and the "operator" shows it Synced 20 ms later. Looking only after the
   * last change was sent (the probe before this test) timed the first Model at four changes' round trips, 800 ms.
   */
  @Test
  void timesEachChangeFromItsOwnAcceptanceNotFromTheLastOne() throws Exception {
    Map<String, Model> store = new ConcurrentHashMap<>();
    List<Model> targets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Model m = model("m-" + i, 1);
      store.put(m.getMetadata().getName(), m);
      targets.add(m);
    }
    Cache<Model> cache = cache();
    when(cache.get(any(), any())).thenAnswer(call -> store.get(call.<String>getArgument(1)));
    ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
    try {
      List<Long> nanos = FreshChangeProbe.time(t -> {
        Thread.sleep(CHANGE_MILLIS);
        String name = t.getMetadata().getName();
        operator.schedule(() -> store.put(name, model(name, 2)), SYNC_MILLIS, TimeUnit.MILLISECONDS);
        return 2L;
      }, cache, targets, Duration.ofSeconds(30));

      assertEquals(5, nanos.size());
      for (long n : nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(n);
        assertTrue(millis >= SYNC_MILLIS - 2, "a change cannot be seen before the operator synced it: " + millis);
        assertTrue(millis < CHANGE_MILLIS, "timed from its own acceptance, not the last change's: " + millis);
      }
    } finally {
      operator.shutdownNow();
    }
  }

  /** A cache that fails is reported at once as itself, not after the timeout as Models that never synced. */
  @Test
  void aFailingCacheIsReportedNotWaitedOut() {
    Cache<Model> broken = cache();
    when(broken.get(any(), any())).thenThrow(new IllegalStateException("informer store gone"));
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
        IllegalStateException.class, () -> FreshChangeProbe.time(t -> 2L, broken, List.of(model("m-0", 1)),
            Duration.ofMinutes(30))));
    assertEquals("informer store gone", e.getCause().getMessage());
  }

  @SuppressWarnings("unchecked")
  private static Cache<Model> cache() {
    return mock(Cache.class);
  }

  private static Model model(String name, long syncedGeneration) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withGeneration(syncedGeneration).build());
    ModelStatus s = new ModelStatus();
    s.observedGeneration = syncedGeneration;
    s.conditions = Conditions.set(null, "Synced", Conditions.TRUE, "Synced", "LiteLLM matches the spec",
        syncedGeneration);
    m.setStatus(s);
    return m;
  }
}
