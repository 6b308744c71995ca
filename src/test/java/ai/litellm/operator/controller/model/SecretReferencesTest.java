package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index from Secrets to the Models that read them: the same references, defaults and precedence as a reconcile. */
class SecretReferencesTest {
  private static Model model() {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("m").build());
    m.getSpec().connectionRef = new ConnectionRef();
    return m;
  }

  @Test
  void instanceRefReadsTheInstancesMasterKeySecretAndModelSecretRefItsCredentials() {
    Model m = model();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    m.getSpec().modelSecretRef = new SecretRef(null, "creds");
    assertEquals(List.of("team/creds", "team/proxy-secrets"), SecretReferences.of(m));
  }

  @Test
  void namespacesDefaultToTheModelsAndOtherNamespacesAreIndexedToo() {
    Model m = model();
    m.getSpec().connectionRef.instanceRef = new InstanceRef("infra", "proxy");
    m.getSpec().modelSecretRef = new SecretRef("vault", "creds");
    assertEquals(List.of("vault/creds", "infra/proxy-secrets"), SecretReferences.of(m));
  }

  @Test
  void aNamedConnectionSecretWinsOverInstanceRef() {
    Model m = model();
    m.getSpec().connectionRef.secretRef = new SecretRef("", "conn");
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, "proxy");
    assertEquals(List.of("team/conn"), SecretReferences.of(m));

    m.getSpec().connectionRef.secretRef = new SecretRef(null, " ");
    assertEquals(List.of("team/proxy-secrets"), SecretReferences.of(m), "a blank secretRef is not used");
  }

  @Test
  void aModelWithoutReferencesIndexesNothing() {
    Model m = model();
    m.getSpec().connectionRef = null;
    assertEquals(List.of(), SecretReferences.of(m));
  }
}
