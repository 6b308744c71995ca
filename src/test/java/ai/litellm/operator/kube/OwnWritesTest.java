package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** Read-your-own-writes: the rules that decide between the informer's object and the operator's last write. */
class OwnWritesTest {
  private static Model model(String uid, String rv) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("m").withUid(uid).withResourceVersion(rv).build());
    return m;
  }

  private final OwnWrites<Model> writes = new OwnWrites<>();

  @Test
  void ourWriteIsReadWhileTheCacheStillShowsTheVersionItWasBasedOn() {
    Model cached = model("u1", "10");
    Model written = model("u1", "11");
    writes.wrote(cached, written);
    assertSame(written, writes.read("ns/m", cached));
    assertSame(written, writes.read("ns/m", model("u1", "10")), "as often as asked");
  }

  @Test
  void theCacheWinsOnceItShowsOurWriteOrAnyOtherVersion() {
    writes.wrote(model("u1", "10"), model("u1", "11"));
    Model caughtUp = model("u1", "11");
    assertSame(caughtUp, writes.read("ns/m", caughtUp));
    assertEquals(0, writes.size(), "dropped once the informer caught up");

    writes.wrote(model("u1", "11"), model("u1", "12"));
    Model someoneElses = model("u1", "13");
    assertSame(someoneElses, writes.read("ns/m", someoneElses), "a newer write by someone else wins");
    Model olderAgain = model("u1", "11");
    assertSame(olderAgain, writes.read("ns/m", olderAgain), "the entry is gone for good");
  }

  @Test
  void chainedWritesStayVisibleWhileTheCacheShowsAnyVersionTheySupersede() {
    Model cached = model("u1", "10");
    Model finalizer = model("u1", "11");
    Model status = model("u1", "12");
    writes.wrote(cached, finalizer);
    writes.wrote(finalizer, status); // the status write was based on our own finalizer write
    assertSame(status, writes.read("ns/m", cached));
    assertSame(status, writes.read("ns/m", model("u1", "11")), "the informer delivered the first write only");
    Model caughtUp = model("u1", "12");
    assertSame(caughtUp, writes.read("ns/m", caughtUp));
  }

  @Test
  void aWriteThatLetsTheServerRemoveTheObjectKeepsNothingEvenWhenItsDeletionEventCameFirst() {
    Model deleting = model("u1", "10");
    deleting.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    deleting.getMetadata().setFinalizers(java.util.List.of("litellm.litellm.ai/finalizer"));
    writes.deleted(deleting); // the watch delivered the deletion before the finalizer patch's answer arrived
    Model released = model("u1", "11");
    released.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
    writes.wrote(deleting, released);
    assertEquals(0, writes.size(), "no entry that no event could ever drop (bench churn saw them pile up)");
  }

  @Test
  void aRecreatedObjectOrADeletionDropsTheEntry() {
    writes.wrote(model("u1", "10"), model("u1", "11"));
    Model recreated = model("u2", "10");
    assertSame(recreated, writes.read("ns/m", recreated));

    writes.wrote(model("u1", "20"), model("u1", "21"));
    writes.deleted(model("u1", "21"));
    assertEquals(0, writes.size());
  }

  @Test
  void aWriteIsReadWhileTheInformerHasNotSeenTheObjectAtAll() {
    Model created = model("u1", "5");
    writes.wrote(null, created); // e.g. an apply that created it
    assertSame(created, writes.read("ns/m", null));
    writes.wrote(model("u2", "7"), model("u2", "8")); // the informer lags behind the object's creation
    assertEquals("8", writes.read("ns/m", null).getMetadata().getResourceVersion());
    writes.observed(model("u2", "8"));
    assertNull(writes.read("ns/m", null), "once the informer saw our write, the cache is the truth");
  }

  @Test
  void informerEventsAndHandOffsBoundTheMemory() {
    writes.wrote(model("u1", "10"), model("u1", "11"));
    writes.observed(model("u1", "10"));
    assertEquals(1, writes.size(), "an event of the superseded version keeps it");
    writes.observed(model("u1", "11"));
    assertEquals(0, writes.size());
    writes.wrote(model("u1", "12"), model("u1", "13"));
    writes.forgetNamespace("other");
    assertEquals(1, writes.size());
    writes.forgetNamespace("ns");
    assertEquals(0, writes.size());
  }
}
