package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class OwnStatusWritesTest {
  private static Model model(String uid, String rv) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("m").withUid(uid).withResourceVersion(rv).build());
    return m;
  }

  @Test
  void ourStatusIsUsedWhileTheCacheStillShowsTheVersionItWasWrittenOn() {
    OwnStatusWrites writes = new OwnStatusWrites();
    ModelStatus s = new ModelStatus();
    s.modelId = "id-1";
    writes.wrote(model("u1", "10"), s);
    Model stale = model("u1", "10");
    assertEquals("id-1", writes.latest(stale).getStatus().modelId);
    assertNull(stale.getStatus(), "the cached object is not mutated");
  }

  @Test
  void theCacheWinsOnceItMovedOnOrTheObjectWasRecreated() {
    OwnStatusWrites writes = new OwnStatusWrites();
    ModelStatus s = new ModelStatus();
    s.modelId = "id-1";
    writes.wrote(model("u1", "10"), s);
    Model newer = model("u1", "11");
    assertSame(newer, writes.latest(newer));
    Model olderAgain = model("u1", "10");
    assertSame(olderAgain, writes.latest(olderAgain), "the entry was dropped once the cache moved on");
    writes.wrote(model("u1", "12"), s);
    Model recreated = model("u2", "12");
    assertSame(recreated, writes.latest(recreated));
  }
}
