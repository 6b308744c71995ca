package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** References stay in the Model's namespace unless the target grants them (or the operator flag allows all). */
class ReferenceNamespacesTest {
  private static Model model() {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("m").build());
    return m;
  }

  @Test
  void defaultsToTheModelsNamespace() {
    ReferenceNamespaces strict = new ReferenceNamespaces(false);
    for (String requested : new String[] {null, "", "team-a"}) {
      var target = strict.resolve(model(), "f", requested);
      assertEquals("team-a", target.namespace());
      assertFalse(target.crossNamespace());
      assertDoesNotThrow(() -> strict.checkGrant(model(), target, "Secret s", null), "no grant needed at home");
    }
  }

  @Test
  void anotherNamespaceNeedsAGrantOnTheTarget() {
    ReferenceNamespaces strict = new ReferenceNamespaces(false);
    var target = strict.resolve(model(), "spec.modelSecretRef.namespace", "team-b");
    assertEquals("team-b", target.namespace());
    ModelProblem p = assertThrows(ModelProblem.class, () -> strict.checkGrant(model(), target, "Secret creds", null));
    assertEquals("CrossNamespaceReference", p.reason());
    assertTrue(p.getMessage().contains("spec.modelSecretRef.namespace"), p.getMessage());
    assertTrue(p.getMessage().contains(ReferenceNamespaces.GRANT), "the message says how to grant it");
    assertThrows(ModelProblem.class, () -> strict.checkGrant(model(), target, "Secret creds",
        Map.of(ReferenceNamespaces.GRANT, "team-c, team-d")), "a grant for other namespaces is no grant");
    assertDoesNotThrow(() -> strict.checkGrant(model(), target, "Secret creds",
        Map.of(ReferenceNamespaces.GRANT, "team-c, team-a")));
    assertDoesNotThrow(() -> strict.checkGrant(model(), target, "Secret creds", Map.of(ReferenceNamespaces.GRANT, "*")));
  }

  @Test
  void theOperatorFlagAllowsEveryReference() {
    ReferenceNamespaces open = new ReferenceNamespaces(true);
    var target = open.resolve(model(), "f", "team-b");
    assertDoesNotThrow(() -> open.checkGrant(model(), target, "Secret s", null));
  }
}
