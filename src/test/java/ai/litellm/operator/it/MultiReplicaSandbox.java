package ai.litellm.operator.it;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.DeploymentSimulator;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sharding.LeaseStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The embedded API server, a fake LiteLLM per instance and a stand-in kubelet, with no operator of its own: tests
 * start several {@link OperatorProcess}es against it (leader election, static shards).
 */
final class MultiReplicaSandbox implements AutoCloseable {
  final EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults());
  final KubernetesClient client = api.newClient();
  private final Vertx proxyVertx = Vertx.vertx();
  final FakeProxyFleet proxies = new FakeProxyFleet(proxyVertx, FakeLiteLLMOptions::new);
  private final DeploymentSimulator kubelet = new DeploymentSimulator(client, 200).start();
  private final List<OperatorProcess> started = new ArrayList<>();

  OperatorProcess startReplica(OperatorConfig cfg) {
    return startReplica(cfg, UnaryOperator.identity());
  }

  /** A replica whose Lease store is wrapped (tests cut it off from the Lease API with it). */
  OperatorProcess startReplica(OperatorConfig cfg, UnaryOperator<LeaseStore> leaseStores) {
    OperatorProcess p = OperatorProcess.start(cfg, api.clientConfig(), proxies, leaseStores);
    started.add(p);
    return p;
  }

  /** Creates, retrying a request that timed out on a loaded machine (it may have been stored anyway). */
  <T extends HasMetadata> void create(T obj) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resource(obj).create();
        return;
      } catch (KubernetesClientException e) {
        if (client.resource(obj).get() != null) {
          return;
        }
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  boolean allModelsReady(String namespace) {
    return client.resources(Model.class).inNamespace(namespace).list().getItems().stream()
        .allMatch(MultiReplicaSandbox::ready);
  }

  static boolean ready(Model m) {
    return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
  }

  static String identity(OperatorProcess p) {
    return p.operator().config().identity;
  }

  @Override
  public void close() {
    started.forEach(OperatorProcess::close); // idempotent after kill/close
    kubelet.close();
    try {
      proxies.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
    proxyVertx.close();
    client.close();
    api.close();
  }
}
