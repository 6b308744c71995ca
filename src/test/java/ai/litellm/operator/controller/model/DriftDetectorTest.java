package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.DriftHarness.EP1;
import static ai.litellm.operator.controller.model.DriftHarness.EP2;
import static ai.litellm.operator.controller.model.DriftHarness.row;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.litellm.LiteLLMModel;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift detector's repair side: one list per proxy, what is flagged and requeued, what the grace protects. */
class DriftDetectorTest {
  private final DriftHarness h = new DriftHarness();

  @Test
  void aCacheThatHasNotSyncedMakesNoCall() {
    when(h.models.hasSynced()).thenReturn(false);
    h.synced("team-a", "a", "u-a", "m-a", EP1);

    h.pass();
    verifyNoInteractions(h.calls);
    assertTrue(h.requeued.isEmpty());
  }

  @Test
  void eachProxyIsListedOncePerPassAndMatchingModelsAreLeftAlone() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.synced("team-a", "b", "u-b", "m-b", EP1);
    h.synced("team-a", "c", "u-c", "m-c", EP2);
    h.lists(EP1, row("m-a", "team-a", "a", "u-a"), row("m-b", "team-a", "b", "u-b"));
    h.lists(EP2, row("m-c", "team-a", "c", "u-c"));

    h.pass();
    verify(h.calls, times(1)).list(EP1);
    verify(h.calls, times(1)).list(EP2);
    verify(h.calls, never()).get(any(), anyString());
    verify(h.calls, never()).delete(any(), anyString());
    assertTrue(h.requeued.isEmpty());
    assertFalse(h.state("team-a/a").takeDriftFlag() || h.state("team-a/b").takeDriftFlag() || h.state("team-a/c").takeDriftFlag());
    assertEquals(0, h.driftDetected());
  }

  @Test
  void aMissingModelIsFlaggedAndRequeued() {
    Model m = h.synced("team-a", "a", "u-a", "m-a", EP1);

    h.pass();
    assertTrue(h.state("team-a/a").takeDriftFlag(), "flagged: the next reconcile must talk to LiteLLM");
    assertEquals(1, h.requeued.size());
    ResourceEvent e = h.requeued.get(0);
    assertEquals(EventType.REQUEUE, e.type());
    assertEquals("Model", e.kind());
    assertEquals("team-a", e.namespace());
    assertEquals("a", e.name());
    assertEquals(m.getMetadata().getUid(), e.uid());
    assertEquals(2L, e.generation());
    assertEquals(1, h.driftDetected());
  }

  @Test
  void aDifferentModelIsFlaggedAndRequeued() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel edited = row("m-a", "team-a", "a", "u-a");
    edited.litellmParams().put("model", "openai/gpt-3.5"); // changed in the LiteLLM UI
    h.lists(EP1, edited);

    h.pass();
    assertTrue(h.state("team-a/a").takeDriftFlag());
    assertEquals(1, h.requeued.size());
    verify(h.calls, never()).delete(any(), anyString());
  }

  @Test
  void aModelWhoseStatusChangedWithinTheGraceIsSkipped() {
    Model m = h.synced("team-a", "a", "u-a", "m-a", EP1);
    m.getStatus().lastUpdated = Instant.now().minusSeconds(5).toString();

    h.pass();
    assertFalse(h.state("team-a/a").takeDriftFlag());
    assertTrue(h.requeued.isEmpty());
  }

  @Test
  void aModelWrittenWithinTheGraceIsSkipped() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.state("team-a/a").wroteToLiteLLM();

    h.pass();
    assertFalse(h.state("team-a/a").takeDriftFlag());
    assertTrue(h.requeued.isEmpty());
  }

  @Test
  void aModelNotAppliedYetIsNotChecked() {
    Model m = h.synced("team-a", "a", "u-a", "m-a", EP1);
    m.getStatus().modelId = null;

    h.pass();
    assertTrue(h.requeued.isEmpty());
  }

  @Test
  void aFailingProxyDoesNotFailThePass() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.synced("team-a", "b", "u-b", "m-b", EP2);
    when(h.calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    h.pass(); // succeeds
    assertEquals(List.of("b"), h.requeued.stream().map(ResourceEvent::name).toList());
    assertFalse(h.state("team-a/a").takeDriftFlag(), "nothing is concluded from a proxy that did not answer");
  }
}
