package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a Model that names a credential may sync, decided from the Credential cache and its index. */
class CredentialGateTest {
  private final Map<String, Credential> cache = new HashMap<>();
  private final CredentialGate gate = new CredentialGate(this::providers, (ns, n) -> cache.get(ns + "/" + n),
      new ReferenceNamespaces(false));

  private List<String> providers(String key) {
    List<String> out = new ArrayList<>();
    cache.forEach((k, c) -> {
      if (key.equals(CredentialReferences.provided(c))) {
        out.add(k);
      }
    });
    return out;
  }

  static Model model(String ns, String credential, String instanceNs) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("m").build());
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(instanceNs, "proxy");
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.litellmCredentialName = credential;
    return m;
  }

  private Credential put(String ns, String name, String credentialName, String instanceNs, boolean ready) {
    Credential c = new Credential();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(3L).build());
    c.getSpec().credentialName = credentialName;
    c.getSpec().connectionRef = new ConnectionRef();
    c.getSpec().connectionRef.instanceRef = new InstanceRef(instanceNs, "proxy");
    c.setStatus(new CredentialStatus());
    c.getStatus().observedGeneration = 3L;
    c.getStatus().credentialName = credentialName != null ? credentialName : name;
    c.getStatus().conditions = Conditions.set(new ArrayList<>(), "Ready", ready ? "True" : "False",
        ready ? "Synced" : "SecretNotFound", "x", 3L);
    cache.put(ns + "/" + name, c);
    return c;
  }

  @Test
  void aModelWithoutACredentialNameNeverWaits() {
    assertNull(gate.whyNotReady(model("team", null, null)));
  }

  @Test
  void aMissingCredentialIsNamedWithTheWayOut() {
    String why = gate.whyNotReady(model("team", "openai", null));
    assertTrue(why.contains("no Credential provides \"openai\" on LiteLLMInstance team/proxy"), why);
    assertTrue(why.contains(CredentialGate.EXTERNAL), why);
  }

  @Test
  void aReadyCredentialOnTheSameProxyLetsTheModelSync() {
    put("team", "openai", null, null, true);
    assertNull(gate.whyNotReady(model("team", "openai", null)));
  }

  @Test
  void aCredentialOnAnotherProxyDoesNotCount() {
    put("team", "openai", null, "elsewhere", true);
    assertTrue(gate.whyNotReady(model("team", "openai", null)).startsWith("no Credential"));
  }

  @Test
  void aCredentialNotReadyOrNotYetUnderItsNewNameSaysWhy() {
    put("team", "openai", null, null, false);
    assertTrue(gate.whyNotReady(model("team", "openai", null)).contains("is not Ready (SecretNotFound)"));
    Credential c = put("team", "openai", null, null, true);
    c.getMetadata().setGeneration(4L); // an edit not reconciled yet: it still serves under its applied name
    assertNull(gate.whyNotReady(model("team", "openai", null)));
    c.getSpec().credentialName = "renamed"; // renamed, not applied under the new name yet
    assertTrue(gate.whyNotReady(model("team", "renamed", null)).contains("is not Ready"));
  }

  @Test
  void anotherNamespacesCredentialNeedsItsGrant() {
    Credential c = put("platform", "shared", "openai", "team", true);
    String why = gate.whyNotReady(model("team", "openai", null));
    assertTrue(why.contains("does not allow use from namespace team"), why);
    c.getMetadata().setAnnotations(Map.of(ReferenceNamespaces.GRANT, "team"));
    assertNull(gate.whyNotReady(model("team", "openai", null)));
  }

  @Test
  void anExternalCredentialIsTheUsersWord() {
    Model m = model("team", "made-in-the-ui", null);
    m.getMetadata().setAnnotations(Map.of(CredentialGate.EXTERNAL, "true"));
    assertNull(gate.whyNotReady(m));
  }

  @Test
  void theModelIndexKeepsTheAppliedCredentialUntilTheModelSyncs() {
    Model m = model("team", "new-one", null);
    m.setStatus(new ai.litellm.operator.api.ModelStatus());
    m.getStatus().litellmParams = new LiteLLMParams();
    m.getStatus().litellmParams.litellmCredentialName = "old-one";
    assertEquals(List.of("new-one@LiteLLMInstance team/proxy", "old-one@LiteLLMInstance team/proxy"),
        CredentialReferences.usedBy(m));
  }
}
