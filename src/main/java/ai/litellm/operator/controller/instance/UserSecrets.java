package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.render.ReferencedSecrets;
import ai.litellm.operator.render.SecretData;
import ai.litellm.operator.render.SecretSnapshot;
import io.fabric8.kubernetes.api.model.Secret;
import io.vertx.core.Future;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The user Secrets instances reference (database, Redis, model credentials, extraEnvVars secretKeyRefs), from one
 * informer per namespace that holds instances. The informer of a namespace starts on the first instance seen there,
 * and a reconcile waits for it to have listed the namespace before it reads: an informer that has not synced yet would
 * report an existing Secret as missing and flap the instance to DependencyMissing.
 */
final class UserSecrets {
  private final InformerSet<Secret> informers;
  private final BlockingBridge bridge;

  UserSecrets(InformerSet<Secret> informers, BlockingBridge bridge) {
    this.informers = informers;
    this.bridge = bridge;
  }

  /** Completes once the namespace's Secrets are in the cache (at once when they already are). */
  Future<Void> ensureWatching(String namespace) {
    if (informers.namespaces().contains(namespace)) {
      return Future.succeededFuture();
    }
    return bridge.call(() -> {
      informers.start(namespace);
      return null;
    });
  }

  /** Snapshots of the referenced Secrets that exist, each versioned by the content of the keys the pods read. */
  Map<String, SecretSnapshot> snapshots(String namespace, ai.litellm.operator.api.LiteLLMInstanceSpec spec) {
    Map<String, SecretSnapshot> out = new TreeMap<>();
    for (Map.Entry<String, SortedSet<String>> ref : ReferencedSecrets.of(spec).entrySet()) {
      Secret s = informers.get(namespace, ref.getKey());
      if (s != null) {
        out.put(ref.getKey(), SecretData.snapshot(s, ref.getValue()));
      }
    }
    return out;
  }

  void stop(String namespace) {
    informers.stop(namespace);
  }

  void stopAll() {
    informers.stopAll();
  }

  InformerSet<Secret> informers() {
    return informers;
  }
}
