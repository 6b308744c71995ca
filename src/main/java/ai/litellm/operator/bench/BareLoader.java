package ai.litellm.operator.bench;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The yardstick of the convergence time: makes, per Model, the Kubernetes writes a converging fleet costs (the user's
 * create, the operator's finalizer patch and its status patch, in the same JSON-patch shapes) as fast as the server
 * allows with the same concurrency, and nothing else (no LiteLLM, no informers). Its objects live in a namespace of
 * their own; the operator must not be running (it would reconcile them). The finalizer is the loader's own, so the
 * objects can be deleted without an operator.
 */
final class BareLoader {
  static final String NAMESPACE = "bench-loader";
  static final String FINALIZER = "bench.litellm.ai/loader";

  private BareLoader() {}

  /**
   * @param status a status as the operator wrote it for a fleet Model (same size on the wire)
   * @return seconds from the first request to the last answer
   */
  static double run(KubernetesClient client, int models, int threads, ModelStatus status, Duration timeout)
      throws Exception {
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      client.namespaces().resource(ModelFleetObjects.namespace(NAMESPACE)).create();
    }
    String statusPatch = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    long start = System.nanoTime();
    WorkerPool.runAll(models, threads, timeout, i -> {
      Model m = ModelFleetObjects.model(NAMESPACE, i, ModelFleetObjects.INSTANCE);
      Model created = KubeWrites.withRetries(() -> client.resource(m).create());
      String name = created.getMetadata().getName();
      String finalizerPatch = Serialization.asJson(List.of(
          Map.of("op", "test", "path", "/metadata/resourceVersion", "value",
              created.getMetadata().getResourceVersion()),
          Map.of("op", "add", "path", "/metadata/finalizers", "value", List.of(FINALIZER))));
      KubeWrites.withRetries(() -> client.resources(Model.class).inNamespace(NAMESPACE).withName(name)
          .patch(PatchContext.of(PatchType.JSON), finalizerPatch));
      KubeWrites.withRetries(() -> client.resources(Model.class).inNamespace(NAMESPACE).withName(name)
          .subresource("status").patch(PatchContext.of(PatchType.JSON), statusPatch));
    });
    return (System.nanoTime() - start) / 1e9;
  }
}
