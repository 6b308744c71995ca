package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.DriftHarness.EP1;
import static ai.litellm.operator.controller.model.DriftHarness.EP2;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #14.5: the drift passes decide when a proxy is unreachable, say it once, and requeue its Models. */
class DriftDetectorReachabilityTest {
  private final DriftHarness h = new DriftHarness();

  private void dead(ai.litellm.operator.litellm.LiteLLMEndpoint ep) {
    when(h.calls.list(ep)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));
  }

  private List<String> requeuedNames() {
    return h.requeued.stream().map(ResourceEvent::name).sorted().toList();
  }

  @Test
  void aProxyIsUnreachableAfterTheConfiguredFailedPassesOnceWithOneEventAndItsModelsRequeued() {
    h.synced("team-b", "b", "u-b", "m-b", EP1);
    var first = h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.synced("team-a", "other", "u-o", "m-o", EP2);
    h.lists(EP2, DriftHarness.row("m-o", "team-a", "other", "u-o")); // answers, nothing drifted
    h.state("team-a/a").syncedThrough(EP1, "LiteLLMInstance team-a/proxy");
    dead(EP1);

    h.pass();
    h.pass();
    assertFalse(h.health.unreachable(EP1));
    assertTrue(h.requeued.isEmpty());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());

    h.pass();
    assertTrue(h.health.unreachable(EP1));
    assertFalse(h.health.unreachable(EP2));
    assertEquals(List.of("a", "b"), requeuedNames());
    assertTrue(h.requeued.stream().allMatch(e -> e.type() == EventType.REQUEUE));
    // one Event, on the proxy's first Model by key, naming the proxy by what it is (never its URL or key)
    verify(h.kube).event(eq(first), any(), eq(EventSeverity.WARNING), eq("LiteLLMUnavailable"),
        contains("LiteLLMInstance team-a/proxy is unreachable: 3 drift passes"));

    h.requeued.clear();
    h.pass();
    h.pass();
    assertTrue(h.requeued.isEmpty(), "nothing more while it stays down");
    verify(h.kube, times(1)).event(any(), any(), any(), anyString(), anyString());

    h.lists(EP1, DriftHarness.row("m-a", "team-a", "a", "u-a"), DriftHarness.row("m-b", "team-b", "b", "u-b"));
    h.pass();
    assertFalse(h.health.unreachable(EP1));
    assertEquals(List.of("a", "b"), requeuedNames());
    verify(h.kube).event(any(), any(), eq(EventSeverity.NORMAL), eq("LiteLLMReachable"), anyString());
    assertEquals(0, h.health.remembered(), "a proxy that answers is forgotten");
  }

  @Test
  void anAnswerResetsTheCountAndACallNotMadeCountsNothing() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    dead(EP1);
    h.pass();
    h.pass();
    when(h.calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401, null)));
    h.pass(); // an answer, even a refusal: the proxy is up
    assertEquals(0, h.health.failedPasses(EP1));

    dead(EP1);
    h.pass();
    h.pass();
    when(h.calls.list(EP1)).thenReturn(Future.failedFuture(
        ModelProblem.transientProblem(LiteLLMCalls.FENCED, "past this replica's fence: not called")));
    h.pass(); // not called (fenced, or paused by the limiter): says nothing
    assertEquals(2, h.health.failedPasses(EP1));
    assertFalse(h.health.unreachable(EP1));
  }

  @Test
  void aProxyNoModelUsesIsNotCounted() {
    h.known(EP2); // listed for the orphan sweep only
    when(h.calls.list(EP2)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));
    for (int i = 0; i < 4; i++) {
      h.pass();
    }
    assertEquals(0, h.health.remembered());
    verify(h.kube, never()).event(any(), any(), any(), anyString(), anyString());
  }
}
