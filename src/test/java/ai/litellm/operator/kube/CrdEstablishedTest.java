package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import org.junit.jupiter.api.Test;

/** A CRD the API server has just created has a status without conditions for a moment: not yet established. */
class CrdEstablishedTest {
  @Test
  void establishedToleratesAStatusWithoutConditions() {
    CustomResourceDefinition fresh = new CustomResourceDefinition();
    fresh.setStatus(new CustomResourceDefinitionStatus());
    fresh.getStatus().setConditions(null);
    assertFalse(CrdManifests.established(fresh));
    assertFalse(CrdManifests.established(null));
    CustomResourceDefinition ready = new CustomResourceDefinitionBuilder().withNewStatus().addNewCondition()
        .withType("Established").withStatus("True").endCondition().endStatus().build();
    assertTrue(CrdManifests.established(ready));
  }
}
