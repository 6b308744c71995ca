package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Credential's Models are woken on a transition of what it means for them, not on every status write. */
class CredentialDependentsTest {
  private final List<String> woken = new ArrayList<>();
  private final CredentialDependents dependents = new CredentialDependents(
      key -> List.of("team/m1@" + key, "team/m2@" + key), woken::addAll);

  static Credential credential(String credentialName, boolean ready, int modelCount) {
    Credential c = new Credential();
    c.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("openai").withGeneration(1L).build());
    c.getSpec().credentialName = credentialName;
    c.getSpec().connectionRef = new ConnectionRef();
    c.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    c.setStatus(new CredentialStatus());
    c.getStatus().observedGeneration = 1L;
    c.getStatus().modelCount = modelCount;
    c.getStatus().credentialName = credentialName != null ? credentialName : "openai";
    c.getStatus().conditions = Conditions.set(new ArrayList<>(), "Ready", ready ? "True" : "False", "r", "m", 1L);
    return c;
  }

  @Test
  void onlyTransitionsWake() {
    assertEquals(0, dependents.seen("team/openai", credential(null, false, 0)), "new and not ready: nothing to say");
    assertEquals(2, dependents.seen("team/openai", credential(null, true, 0)), "became Ready");
    assertEquals(0, dependents.seen("team/openai", credential(null, true, 2)), "a new model count is no transition");
    assertEquals(2, dependents.seen("team/openai", credential(null, false, 2)), "stopped being Ready");
    assertEquals(2, dependents.gone("team/openai"));
    assertEquals(0, dependents.remembered());
  }

  @Test
  void aRenameWakesTheModelsOfBothNames() {
    dependents.seen("team/openai", credential("a", true, 0));
    woken.clear();
    assertEquals(4, dependents.seen("team/openai", credential("b", true, 0)));
    assertEquals(List.of("team/m1@a@LiteLLMInstance team/proxy", "team/m2@a@LiteLLMInstance team/proxy",
        "team/m1@b@LiteLLMInstance team/proxy", "team/m2@b@LiteLLMInstance team/proxy"), woken);
  }

  @Test
  void aNewGrantWakesTheWaitingModels() {
    dependents.seen("team/openai", credential(null, true, 0));
    Credential granted = credential(null, true, 0);
    granted.getMetadata().setAnnotations(Map.of(ReferenceNamespaces.GRANT, "other"));
    assertEquals(2, dependents.seen("team/openai", granted));
  }
}
