package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.DriftHarness.EP1;
import static ai.litellm.operator.controller.model.DriftHarness.EP2;
import static ai.litellm.operator.controller.model.DriftHarness.row;
import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The drift detector's sweep side: which LiteLLM rows are orphans, when they are deleted, when a proxy is retired. */
class DriftDetectorOrphansTest {
  private final DriftHarness h = new DriftHarness();

  @Test
  void anOrphanOfOursIsDeletedOnlyWhenSeenInTwoConsecutivePasses() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel live = row("m-a", "team-a", "a", "u-a");
    LiteLLMModel orphan = row("m-gone", "team-a", "gone", "u-gone"); // its Model is not in the cache
    h.lists(EP1, live, orphan);
    DriftDetector detector = h.detector();

    result(detector.runOnce());
    verify(h.calls, never()).delete(any(), anyString());

    h.lists(EP1, live); // a lagging replica does not list it this time
    result(detector.runOnce());
    h.lists(EP1, live, orphan);
    result(detector.runOnce());
    verify(h.calls, never()).delete(any(), anyString());

    result(detector.runOnce());
    verify(h.calls).delete(EP1, "m-gone");
    assertEquals(1, h.orphansDeleted());
  }

  @Test
  void aRowOfARecreatedModelWithTheSameNameIsAnOrphan() {
    h.synced("team-a", "a", "u-new", "m-new", EP1);
    h.lists(EP1, row("m-new", "team-a", "a", "u-new"), row("m-old", "team-a", "a", "u-old"));
    DriftDetector detector = h.detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(h.calls).delete(EP1, "m-old");
    verify(h.calls, never()).delete(EP1, "m-new");
  }

  @Test
  void foreignUnmarkedAndOtherNamespaceRowsAreNeverDeleted() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel unmarked = row("by-hand", null, "by-hand", null);
    LiteLLMModel otherNamespace = row("m-b", "team-b", "b", "u-b"); // another replica's shard
    LiteLLMModel noUid = new LiteLLMModel("no-uid", "x", null,
        new JsonObject().put(ModelOwnership.OWNER_KEY, "team-a/x"));
    LiteLLMModel badOwner = new LiteLLMModel("bad-owner", "y", null,
        new JsonObject().put(ModelOwnership.OWNER_KEY, "no-slash").put(ModelOwnership.UID_KEY, "u-y"));
    h.lists(EP1, row("m-a", "team-a", "a", "u-a"), unmarked, otherNamespace, noUid, badOwner);
    DriftDetector detector = h.detector();

    for (int i = 0; i < 3; i++) {
      result(detector.runOnce());
    }
    verify(h.calls, never()).delete(any(), anyString());
  }

  @Test
  void aModelMovedToAnotherProxyLeavesItsOldRowAnOrphan() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.known(EP1); // the reconciler synced it there first: proxy 1 stays known
    h.state("team-a/a").syncedThrough(EP2); // the spec now points at proxy 2
    h.lists(EP1, row("m-a", "team-a", "a", "u-a"));
    h.lists(EP2, row("m-a", "team-a", "a", "u-a"));
    DriftDetector detector = h.detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(h.calls).delete(EP1, "m-a");
    verify(h.calls, never()).delete(EP2, "m-a");
    assertTrue(h.requeued.isEmpty());
  }

  @Test
  void aStillOwnedRowOnItsProxyIsNotAnOrphanEvenWithoutStatus() {
    Model m = h.synced("team-a", "a", "u-a", "m-a", EP1);
    m.setStatus(null); // status write not seen yet
    h.lists(EP1, row("m-a", "team-a", "a", "u-a"));
    DriftDetector detector = h.detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(h.calls, never()).delete(any(), anyString());
  }

  @Test
  void aProxyWithNoModelsAndNothingOfOursIsRetired() {
    h.known(EP1);
    h.lists(EP1, row("by-hand", null, "by-hand", null), row("m-b", "team-b", "b", "u-b"));

    h.pass();
    assertFalse(h.proxies.snapshot().contains(EP1));
    h.pass();
    verify(h.calls, times(1)).list(EP1);
  }

  @Test
  void aProxyStillHoldingARowOfOursIsKept() {
    h.known(EP1);
    h.lists(EP1, row("m-gone", "team-a", "gone", "u-gone"));

    h.pass();
    assertTrue(h.proxies.snapshot().contains(EP1), "its orphans still need sweeping");
  }

  @Test
  void aProxyWithModelsIsNeverRetired() {
    h.synced("team-a", "a", "u-a", "m-a", EP1);
    h.lists(EP1, row("m-a", "team-a", "a", "u-a"));
    when(h.calls.list(EP2)).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401, null)));
    h.synced("team-a", "b", "u-b", "m-b", EP2);

    h.pass();
    assertTrue(h.proxies.snapshot().contains(EP1));
    assertTrue(h.proxies.snapshot().contains(EP2), "refused, but a Model still syncs through it");
  }

  @Test
  void aProxyThatRefusesTheKeyOfNoModelIsRetired() {
    h.known(EP1);
    when(h.calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401, null)));

    h.pass();
    assertFalse(h.proxies.snapshot().contains(EP1));
  }

  @Test
  void anUnreachableProxyOfNoModelIsKept() {
    h.known(EP1);
    when(h.calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    h.pass();
    assertTrue(h.proxies.snapshot().contains(EP1));
  }
}
