package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.KeyStates;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ParkedDependentsTest {
  private final Map<String, ModelState> states = new LinkedHashMap<>();
  private final List<ResourceEvent> published = new ArrayList<>();
  private final ParkedDependents dependents = new ParkedDependents(published::add);

  ParkedDependentsTest() {
    dependents.attach(new KeyStates<>() {
      @Override
      public ModelState state(String key) {
        return states.get(key);
      }

      @Override
      public void forEachState(BiConsumer<String, ? super ModelState> action) {
        states.forEach(action);
      }
    });
  }

  private ModelState key(String key, String waitsOn) {
    ModelState st = new ModelState();
    dependents.waitOn(st, waitsOn);
    states.put(key, st);
    return st;
  }

  @Test
  void aChangeWakesOnlyTheKeysWaitingOnThatObjectWithAFreshEvent() {
    key("a/loser", ParkedDependents.model("uid-1"));
    key("b/other", ParkedDependents.model("uid-2"));
    key("a/ready", null);
    key("c/borrower", ParkedDependents.secret("creds", "shared"));

    assertEquals(1, dependents.changed(ParkedDependents.model("uid-1")));
    assertEquals(1, published.size());
    ResourceEvent e = published.get(0);
    assertEquals("a/loser", e.key());
    assertEquals(EventType.UPDATED, e.type());
    assertTrue(e.generation() <= 0, "an UPDATED without generation is a fresh change: it unparks the key");

    assertEquals(1, dependents.changed(ParkedDependents.secret("creds", "shared")));
    assertEquals("c/borrower", published.get(1).key());
    assertEquals(0, dependents.changed(ParkedDependents.instance("creds", "shared")));
  }

  @Test
  void nothingIsScannedWhileNoKeyWaits() {
    ModelState st = key("a/ready", null);
    states.put("b/parked-before", st);
    assertEquals(0, dependents.waiting());
    assertEquals(0, dependents.changed(ParkedDependents.model("uid-1")));
    dependents.waitOn(st, ParkedDependents.model("uid-1"));
    assertEquals(1, dependents.waiting());
    dependents.waitOn(st, ParkedDependents.model("uid-2"));
    assertEquals(1, dependents.waiting(), "a key counts once whatever it waits on");
    dependents.waitOn(st, null);
    assertEquals(0, dependents.waiting());
  }

  @Test
  void aConflictWithAnotherModelOfThisInstallWaitsOnThatModel() {
    RowOwnership ownership = new RowOwnership(ModelTestKit.INSTALL);
    LiteLLMModel row = new LiteLLMModel("the-id", "winner", new JsonObject(), new JsonObject()
        .put(ModelOwnership.INSTALL_KEY, ModelTestKit.INSTALL).put(ModelOwnership.OWNER_KEY, "ns/winner")
        .put(ModelOwnership.UID_KEY, "uid-w"));
    ModelProblem p = ownership.notOurs(row, "the-id");
    assertEquals("ModelIdConflict", p.reason());
    assertEquals(ParkedDependents.model("uid-w"), p.waitsOn());
  }
}
