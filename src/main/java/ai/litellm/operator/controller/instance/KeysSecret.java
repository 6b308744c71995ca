package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubeServices;
import ai.litellm.operator.render.InstanceNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release of an instance's {@code <n>-secrets} (its master and salt keys). The Secret is rendered with the
 * operator's finalizer (render.InstanceSecretRenderer) so that a {@code kubectl delete namespace}, which deletes the
 * instance, its Secrets and its Models at once and in no fixed order, cannot take the master key away before the
 * deleting Models have used it to delete their LiteLLM rows (issue #14.2). The instance's deletion releases it, just
 * before the instance's own finalizer; the Secret then stays (it is kept) or goes with its namespace.
 */
interface KeysSecret {
  /** Removes the operator's finalizer from the instance's keys Secret, if it is there. */
  Future<Void> release(String namespace, String instance);

  /**
   * As {@link #release}, for an instance the cache does not show, once the API server confirms it is gone (its
   * finalizer was removed by hand): a cache that has not synced yet (at start) must not release a live instance's keys.
   */
  Future<Void> releaseIfInstanceGone(String namespace, String instance);

  /**
   * Reads from the API server (the owned-Secret cache may lag behind), then a JSON patch that tests the finalizer at
   * its index: a concurrent change of the list fails with 422 and the instance's reconcile retries.
   */
  static KeysSecret over(KubeServices kube) {
    Logger log = LoggerFactory.getLogger(KeysSecret.class);
    return new KeysSecret() {
      @Override
      public Future<Void> release(String namespace, String instance) {
        return held(namespace, instance).compose(at -> at < 0 ? Future.succeededFuture() : remove(namespace, instance, at));
      }

      @Override
      public Future<Void> releaseIfInstanceGone(String namespace, String instance) {
        return held(namespace, instance).compose(at -> at < 0 ? Future.succeededFuture()
            : kube.limiter().read("list", () -> kube.bridge().call(() -> // list: the chart grants no get
                kube.client().resources(LiteLLMInstance.class).inNamespace(namespace)
                    .withField("metadata.name", instance).list().getItems()))
                .compose(live -> {
                  if (!live.isEmpty()) {
                    return Future.succeededFuture();
                  }
                  log.info("LiteLLMInstance {}/{} is gone without releasing Secret {}: releasing it", namespace,
                      instance, InstanceNames.secret(instance));
                  return remove(namespace, instance, at);
                }));
      }

      /** The index of our finalizer on the keys Secret; -1 when it is absent (or the Secret is). */
      private Future<Integer> held(String namespace, String instance) {
        return kube.limiter().read("get", () -> kube.bridge().call(() ->
            kube.client().secrets().inNamespace(namespace).withName(InstanceNames.secret(instance)).get()))
            .map((Secret secret) -> secret == null || secret.getMetadata().getFinalizers() == null ? -1
                : secret.getMetadata().getFinalizers().indexOf(Finalizers.NAME));
      }

      private Future<Void> remove(String namespace, String instance, int at) {
        String path = "/metadata/finalizers/" + at;
        String body = Serialization.asJson(List.of(Map.of("op", "test", "path", path, "value", Finalizers.NAME),
            Map.of("op", "remove", "path", path)));
        return kube.limiter().write("patch", () -> kube.patcher().patch(Secret.class, namespace,
            InstanceNames.secret(instance), null, body)).mapEmpty();
      }
    };
  }
}
