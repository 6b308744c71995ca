package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelSpec;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.InformerSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
  private final InformerSet<Credential> credentials;
  private final Consumer<List<String>> wakeCredentials;

  /**
   * @param credentials the Credential informer, indexed by {@link #INDEX} too ({@link #of(Credential)})
   * @param wakeCredentials gives each Credential key a fresh event (a rotation is one credential write: issue #17.4)
   */
  SecretReferences(InformerSet<Model> models, ParkedDependents wake, InformerSet<Credential> credentials,
      Consumer<List<String>> wakeCredentials) {
    this.models = models;
    this.wake = wake;
    this.credentials = credentials;
    this.wakeCredentials = wakeCredentials;
  }

  /** Whether any cached Model or Credential reads the Secret. */
  boolean referenced(String namespace, String name) {
    String key = key(namespace, name);
    return !models.indexKeys(INDEX, key).isEmpty() || !credentials.indexKeys(INDEX, key).isEmpty();
  }

  /** The Secret changed (or appeared, or went away): every Model and Credential that reads it looks again now. */
  void changed(String namespace, String name) {
    List<String> keys = models.indexKeys(INDEX, key(namespace, name));
    wake.wake(keys);
    List<String> readers = credentials.indexKeys(INDEX, key(namespace, name));
    wakeCredentials.accept(readers);
    LOG.debug("Secret {}/{} changed: {} Model(s) and {} Credential(s) that read it look again", namespace, name,
        keys.size(), readers.size());
  }

  /** The index function of a Credential: its values' Secret and the Secret its connection reads. */
  static List<String> of(Credential c) {
    if (c.getSpec() == null || c.getMetadata() == null) {
      return List.of();
    }
    String own = c.getMetadata().getNamespace();
    List<String> out = new ArrayList<>(2);
    CredentialSecretRef values = c.getSpec().secretRef;
    if (values != null && !blank(values.secretName)) {
      out.add(key(empty(values.namespace) ? own : values.namespace, values.secretName));
    }
    addConnection(out, own, c.getSpec().connectionRef);
    return out;
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
    addConnection(out, own, spec.connectionRef);
    return out;
  }

  private static void addConnection(List<String> out, String own, ConnectionRef conn) {
    // the same precedence as ConnectionResolver: a named secretRef wins over instanceRef
    if (conn != null && conn.secretRef != null && !blank(conn.secretRef.secretName)) {
      add(out, own, conn.secretRef);
    } else if (conn != null && conn.instanceRef != null && !blank(conn.instanceRef.name)) {
      out.add(key(empty(conn.instanceRef.namespace) ? own : conn.instanceRef.namespace,
          conn.instanceRef.name + ConnectionResolver.MASTER_KEY_SECRET_SUFFIX));
    }
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
