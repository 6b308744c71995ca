package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class ReferenceNamespacesTest {
  private static Model model() {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("m").build());
    return m;
  }

  @Test
  void defaultsToTheModelsNamespace() {
    ReferenceNamespaces strict = new ReferenceNamespaces(false);
    assertEquals("team-a", strict.resolve(model(), "f", null));
    assertEquals("team-a", strict.resolve(model(), "f", ""));
    assertEquals("team-a", strict.resolve(model(), "f", "team-a"));
  }

  @Test
  void anotherNamespaceIsRefusedUnlessAllowed() {
    ModelProblem p = assertThrows(ModelProblem.class,
        () -> new ReferenceNamespaces(false).resolve(model(), "spec.modelSecretRef.namespace", "team-b"));
    assertEquals("CrossNamespaceReference", p.reason());
    assertTrue(p.isPermanent());
    assertTrue(p.getMessage().contains("spec.modelSecretRef.namespace"), p.getMessage());
    assertEquals("team-b", new ReferenceNamespaces(true).resolve(model(), "f", "team-b"));
  }
}
