package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
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
  private final InformerSet<LiteLLMInstance> instances;
  private final BlockingBridge bridge;

  /** @param instances the instance cache: a namespace's informer stops when its last instance is gone */
  UserSecrets(InformerSet<Secret> informers, InformerSet<LiteLLMInstance> instances, BlockingBridge bridge) {
    this.informers = informers;
    this.instances = instances;
    this.bridge = bridge;
  }

  /**
   * Stops the Secret informer of a namespace that holds no instance any more: it would otherwise cache every Secret of
   * that namespace for the life of the process.
   */
  Future<Void> releaseIfUnused(String namespace) {
    if (!informers.namespaces().contains(namespace) || !instances.list(namespace).isEmpty()) {
      return Future.succeededFuture();
    }
    return bridge.call(() -> {
      if (instances.list(namespace).isEmpty()) {
        informers.stop(namespace);
      }
      return null;
    });
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
