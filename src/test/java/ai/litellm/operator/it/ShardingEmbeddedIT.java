package ai.litellm.operator.it;

import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sharding.ShardingScenario;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** Three ring-sharded replicas on the embedded API server: spread, scale-out, crash, partition (see ShardingScenario). */
class ShardingEmbeddedIT {
  @Test
  void namespacesAreShardedHandedOverAndFenced() {
    try (EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults());
        KubernetesClient client = api.newClient();
        ShardingScenario scenario = new ShardingScenario(client, api.clientConfig(), ShardingScenario.Timings.FAST)) {
      scenario.run();
    }
  }
}
