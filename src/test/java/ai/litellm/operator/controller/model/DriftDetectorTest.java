package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.litellmError;
import static ai.litellm.operator.controller.model.ModelTestKit.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException.Kind;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One drift pass per call of runOnce, against a mocked cache and LiteLLM port. */
class DriftDetectorTest {
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final LiteLLMEndpoint EP1 = ModelTestKit.endpoint("http://proxy-1:4000");
  private static final LiteLLMEndpoint EP2 = ModelTestKit.endpoint("http://proxy-2:4000");
  private static final Set<String> OWNED_NAMESPACES = Set.of("team-a");

  @SuppressWarnings("unchecked")
  private final Cache<Model> models = mock(Cache.class);
  private final LiteLLMPort calls = mock(LiteLLMPort.class);
  private final DriftMarks marks = new DriftMarks();
  private final List<ResourceEvent> requeued = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModelMetrics metrics = new ModelMetrics(registry);

  private DriftDetector detector() {
    return new DriftDetector(models, marks, calls, requeued::add, OWNED_NAMESPACES::contains, GRACE, metrics);
  }

  @BeforeEach
  void syncedCacheAndEmptyProxies() {
    when(models.hasSynced()).thenReturn(true);
    when(calls.list(any())).thenReturn(Future.succeededFuture(List.of()));
    when(calls.delete(any(), anyString())).thenReturn(Future.succeededFuture());
  }

  /** A Model in the cache whose status says it was applied as {@code id} an hour ago. */
  private Model synced(String ns, String name, String uid, String id, LiteLLMEndpoint ep) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid(uid).withGeneration(2L)
        .withResourceVersion("7").build());
    m.getSpec().modelName = name;
    ModelStatus st = new ModelStatus();
    st.modelId = id;
    st.modelName = name;
    st.litellmParams = new LiteLLMParams();
    st.litellmParams.model = "openai/gpt-4o";
    st.lastUpdated = Instant.now().minus(Duration.ofHours(1)).toString();
    m.setStatus(st);
    when(models.get(ns, name)).thenReturn(m);
    marks.remember(ns + "/" + name, ep);
    return m;
  }

  /** What LiteLLM lists for that Model: same name and params, our marker. */
  private static LiteLLMModel row(String id, String ns, String name, String uid) {
    JsonObject info = new JsonObject().put("id", id);
    if (ns != null) {
      info.put(ModelOwnership.OWNER_KEY, ns + "/" + name).put(ModelOwnership.UID_KEY, uid);
    }
    return new LiteLLMModel(id, name, new JsonObject().put("model", "openai/gpt-4o"), info);
  }

  private void lists(LiteLLMEndpoint ep, LiteLLMModel... rows) {
    when(calls.list(ep)).thenReturn(Future.succeededFuture(List.of(rows)));
  }

  private void pass() {
    result(detector().runOnce());
  }

  private double driftDetected() {
    return registry.get("litellm_operator_drift_detected").counter().count();
  }

  private double orphansDeleted() {
    return registry.get("litellm_operator_drift_orphans_deleted").counter().count();
  }

  @Test
  void aCacheThatHasNotSyncedMakesNoCall() {
    when(models.hasSynced()).thenReturn(false);
    synced("team-a", "a", "u-a", "m-a", EP1);

    pass();
    verifyNoInteractions(calls);
    assertTrue(requeued.isEmpty());
  }

  @Test
  void eachProxyIsListedOncePerPassAndMatchingModelsAreLeftAlone() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    synced("team-a", "b", "u-b", "m-b", EP1);
    synced("team-a", "c", "u-c", "m-c", EP2);
    lists(EP1, row("m-a", "team-a", "a", "u-a"), row("m-b", "team-a", "b", "u-b"));
    lists(EP2, row("m-c", "team-a", "c", "u-c"));

    pass();
    verify(calls, times(1)).list(EP1);
    verify(calls, times(1)).list(EP2);
    verify(calls, never()).get(any(), anyString());
    verify(calls, never()).delete(any(), anyString());
    assertTrue(requeued.isEmpty());
    assertFalse(marks.take("team-a/a") || marks.take("team-a/b") || marks.take("team-a/c"));
    assertEquals(0, driftDetected());
  }

  @Test
  void aMissingModelIsFlaggedAndRequeued() {
    Model m = synced("team-a", "a", "u-a", "m-a", EP1);

    pass();
    assertTrue(marks.take("team-a/a"), "flagged: the next reconcile must talk to LiteLLM");
    assertEquals(1, requeued.size());
    ResourceEvent e = requeued.get(0);
    assertEquals(EventType.REQUEUE, e.type());
    assertEquals("Model", e.kind());
    assertEquals("team-a", e.namespace());
    assertEquals("a", e.name());
    assertEquals(m.getMetadata().getUid(), e.uid());
    assertEquals(2L, e.generation());
    assertEquals(1, driftDetected());
  }

  @Test
  void aDifferentModelIsFlaggedAndRequeued() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel edited = row("m-a", "team-a", "a", "u-a");
    edited.litellmParams().put("model", "openai/gpt-3.5"); // changed in the LiteLLM UI
    lists(EP1, edited);

    pass();
    assertTrue(marks.take("team-a/a"));
    assertEquals(1, requeued.size());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aModelWhoseStatusChangedWithinTheGraceIsSkipped() {
    Model m = synced("team-a", "a", "u-a", "m-a", EP1);
    m.getStatus().lastUpdated = Instant.now().minusSeconds(5).toString();

    pass();
    assertFalse(marks.take("team-a/a"));
    assertTrue(requeued.isEmpty());
  }

  @Test
  void aModelWrittenWithinTheGraceIsSkipped() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    marks.wrote("team-a/a");

    pass();
    assertFalse(marks.take("team-a/a"));
    assertTrue(requeued.isEmpty());
  }

  @Test
  void aModelNotAppliedYetIsNotChecked() {
    Model m = synced("team-a", "a", "u-a", "m-a", EP1);
    m.getStatus().modelId = null;

    pass();
    assertTrue(requeued.isEmpty());
  }

  @Test
  void anOrphanOfOursIsDeletedOnlyWhenSeenInTwoConsecutivePasses() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel live = row("m-a", "team-a", "a", "u-a");
    LiteLLMModel orphan = row("m-gone", "team-a", "gone", "u-gone"); // its Model is not in the cache
    lists(EP1, live, orphan);
    DriftDetector detector = detector();

    result(detector.runOnce());
    verify(calls, never()).delete(any(), anyString());

    lists(EP1, live); // a lagging replica does not list it this time
    result(detector.runOnce());
    lists(EP1, live, orphan);
    result(detector.runOnce());
    verify(calls, never()).delete(any(), anyString());

    result(detector.runOnce());
    verify(calls).delete(EP1, "m-gone");
    assertEquals(1, orphansDeleted());
  }

  @Test
  void aRowOfARecreatedModelWithTheSameNameIsAnOrphan() {
    synced("team-a", "a", "u-new", "m-new", EP1);
    lists(EP1, row("m-new", "team-a", "a", "u-new"), row("m-old", "team-a", "a", "u-old"));
    DriftDetector detector = detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(calls).delete(EP1, "m-old");
    verify(calls, never()).delete(EP1, "m-new");
  }

  @Test
  void foreignUnmarkedAndOtherNamespaceRowsAreNeverDeleted() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    LiteLLMModel unmarked = row("by-hand", null, "by-hand", null);
    LiteLLMModel otherNamespace = row("m-b", "team-b", "b", "u-b"); // another replica's shard
    LiteLLMModel noUid = new LiteLLMModel("no-uid", "x", null,
        new JsonObject().put(ModelOwnership.OWNER_KEY, "team-a/x"));
    LiteLLMModel badOwner = new LiteLLMModel("bad-owner", "y", null,
        new JsonObject().put(ModelOwnership.OWNER_KEY, "no-slash").put(ModelOwnership.UID_KEY, "u-y"));
    lists(EP1, row("m-a", "team-a", "a", "u-a"), unmarked, otherNamespace, noUid, badOwner);
    DriftDetector detector = detector();

    for (int i = 0; i < 3; i++) {
      result(detector.runOnce());
    }
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aModelMovedToAnotherProxyLeavesItsOldRowAnOrphan() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    marks.remember("team-a/a", EP2); // the spec now points at proxy 2; proxy 1 stays known
    lists(EP1, row("m-a", "team-a", "a", "u-a"));
    lists(EP2, row("m-a", "team-a", "a", "u-a"));
    DriftDetector detector = detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(calls).delete(EP1, "m-a");
    verify(calls, never()).delete(EP2, "m-a");
    assertTrue(requeued.isEmpty());
  }

  @Test
  void aStillOwnedRowOnItsProxyIsNotAnOrphanEvenWithoutStatus() {
    Model m = synced("team-a", "a", "u-a", "m-a", EP1);
    m.setStatus(null); // status write not seen yet
    lists(EP1, row("m-a", "team-a", "a", "u-a"));
    DriftDetector detector = detector();

    result(detector.runOnce());
    result(detector.runOnce());
    verify(calls, never()).delete(any(), anyString());
  }

  @Test
  void aProxyWithNoModelsAndNothingOfOursIsRetired() {
    marks.remember("team-a/x", EP1);
    marks.forget("team-a/x");
    lists(EP1, row("by-hand", null, "by-hand", null), row("m-b", "team-b", "b", "u-b"));

    pass();
    assertFalse(marks.byEndpoint().containsKey(EP1));
    pass();
    verify(calls, times(1)).list(EP1);
  }

  @Test
  void aProxyStillHoldingARowOfOursIsKept() {
    marks.remember("team-a/x", EP1);
    marks.forget("team-a/x");
    lists(EP1, row("m-gone", "team-a", "gone", "u-gone"));

    pass();
    assertTrue(marks.byEndpoint().containsKey(EP1), "its orphans still need sweeping");
  }

  @Test
  void aProxyWithModelsIsNeverRetired() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    lists(EP1, row("m-a", "team-a", "a", "u-a"));
    when(calls.list(EP2)).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401, null)));
    synced("team-a", "b", "u-b", "m-b", EP2);

    pass();
    assertTrue(marks.byEndpoint().containsKey(EP1));
    assertTrue(marks.byEndpoint().containsKey(EP2), "refused, but a Model still syncs through it");
  }

  @Test
  void aProxyThatRefusesTheKeyOfNoModelIsRetired() {
    marks.remember("team-a/x", EP1);
    marks.forget("team-a/x");
    when(calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAUTHORIZED, 401, null)));

    pass();
    assertFalse(marks.byEndpoint().containsKey(EP1));
  }

  @Test
  void anUnreachableProxyOfNoModelIsKept() {
    marks.remember("team-a/x", EP1);
    marks.forget("team-a/x");
    when(calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    pass();
    assertTrue(marks.byEndpoint().containsKey(EP1));
  }

  @Test
  void aFailingProxyDoesNotFailThePass() {
    synced("team-a", "a", "u-a", "m-a", EP1);
    synced("team-a", "b", "u-b", "m-b", EP2);
    when(calls.list(EP1)).thenReturn(Future.failedFuture(litellmError(Kind.UNAVAILABLE, 0, null)));

    pass(); // succeeds
    assertEquals(List.of("b"), requeued.stream().map(ResourceEvent::name).toList());
    assertFalse(marks.take("team-a/a"), "nothing is concluded from a proxy that did not answer");
  }
}
