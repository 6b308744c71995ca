package ai.litellm.operator.it;

import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sharding.ShardingScenario;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/** Three ring-sharded replicas on the embedded API server: spread, scale-out, crash, partition (see ShardingScenario). */
class ShardingEmbeddedIT {
  @Test
  void namespacesAreShardedHandedOverAndFenced() {
    try (EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults());
        // The scenario's own client waits out the embedded server's stalls (it blocks every request while it closes
        // a watch, for seconds; its DESIGN note), which the replicas' hand-offs cause; 10 s, fabric8's default,
        // ran out twice in one CI rehearsal on a loaded machine.
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(api.clientConfig()).withRequestTimeout(60_000).build()).build();
        ShardingScenario scenario = new ShardingScenario(client, api.clientConfig(), ShardingScenario.Timings.FAST)) {
      scenario.run();
    }
  }
}
