package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelSpec;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.InformerSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Models read which Secret (issue #14.3: a rotated Secret reached LiteLLM only at the next resync, up to ~11 min,
 * and a Model parked on it never). An index of the Model informer maps each Secret a Model reads — its
 * {@code modelSecretRef}, its {@code connectionRef.secretRef}, or for {@code connectionRef.instanceRef} the instance's
 * master key Secret {@code <name>-secrets} — to the Model; the index lives in the informer's cache, so it follows the
 * Models without any memory of its own. When the {@code kube.SecretWatch} reports a referenced Secret changed, every
 * Model that reads it gets a fresh event (parked and backing-off keys included).
 */
final class SecretReferences {
  private static final Logger LOG = LoggerFactory.getLogger(SecretReferences.class);
  static final String INDEX = "referencedSecrets";

  private final InformerSet<Model> models;
  private final ParkedDependents wake;

  SecretReferences(InformerSet<Model> models, ParkedDependents wake) {
    this.models = models;
    this.wake = wake;
  }

  /** Whether any cached Model reads the Secret. */
  boolean referenced(String namespace, String name) {
    return !models.indexKeys(INDEX, key(namespace, name)).isEmpty();
  }

  /** The Secret changed (or appeared, or went away): every Model that reads it is looked at again now. */
  void changed(String namespace, String name) {
    List<String> keys = models.indexKeys(INDEX, key(namespace, name));
    wake.wake(keys);
    LOG.debug("Secret {}/{} changed: {} Model(s) that read it look again", namespace, name, keys.size());
  }

  /** The index function: "namespace/name" of each Secret the Model reads (the namespace defaults to the Model's). */
  static List<String> of(Model m) {
    ModelSpec spec = m.getSpec();
    if (spec == null || m.getMetadata() == null) {
      return List.of();
    }
    String own = m.getMetadata().getNamespace();
    List<String> out = new ArrayList<>(2);
    add(out, own, spec.modelSecretRef);
    ConnectionRef conn = spec.connectionRef;
    // the same precedence as ConnectionResolver: a named secretRef wins over instanceRef
    if (conn != null && conn.secretRef != null && !blank(conn.secretRef.secretName)) {
      add(out, own, conn.secretRef);
    } else if (conn != null && conn.instanceRef != null && !blank(conn.instanceRef.name)) {
      out.add(key(empty(conn.instanceRef.namespace) ? own : conn.instanceRef.namespace,
          conn.instanceRef.name + ConnectionResolver.MASTER_KEY_SECRET_SUFFIX));
    }
    return out;
  }

  private static void add(List<String> out, String own, SecretRef ref) {
    if (ref != null && !blank(ref.secretName)) {
      out.add(key(empty(ref.namespace) ? own : ref.namespace, ref.secretName));
    }
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
