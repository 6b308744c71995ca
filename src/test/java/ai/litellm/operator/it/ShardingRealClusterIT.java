package ai.litellm.operator.it;

import ai.litellm.operator.kube.CrdManifests;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sharding.ShardingScenario;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sharding scenario on a real kube-apiserver: real Lease CAS semantics, real watches per namespace. */
@RealCluster
class ShardingRealClusterIT {
  @Test
  void namespacesAreShardedHandedOverAndFenced(KubernetesClient client, RealControlPlane cp) {
    for (CustomResourceDefinition crd : CrdManifests.definitions()) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(ai.litellm.operator.kube.CrdManifests::established, 2, TimeUnit.MINUTES);
    }
    try (ShardingScenario scenario = new ShardingScenario(client, cp.adminConfig(), ShardingScenario.Timings.PRODUCTION)) {
      scenario.run();
    }
  }
}
