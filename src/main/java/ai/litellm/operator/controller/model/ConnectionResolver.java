package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.SecretReader;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import io.vertx.core.Future;
import java.util.function.BiFunction;

/**
 * Resolves each Model's own connection on every reconcile (no process-wide client pinned to the first Model):
 * {@code connectionRef.instanceRef} → the instance's proxy and the master key in {@code <name>-secrets};
 * {@code connectionRef.secretRef} → a Secret with keys {@code url} and {@code masterkey}. Namespaces default to the
 * Model's. Failures are {@link ModelProblem}s with the reason the user sees.
 */
public final class ConnectionResolver {
  public static final String MASTER_KEY_SECRET_SUFFIX = "-secrets";
  public static final String MASTER_KEY = "masterkey";
  public static final String URL_KEY = "url";

  private final BiFunction<String, String, LiteLLMInstance> instances;
  private final SecretReader secrets;
  private final InstanceEndpoints endpoints;

  /** @param instances looks an instance up by namespace and name in the informer cache (null when absent) */
  public ConnectionResolver(BiFunction<String, String, LiteLLMInstance> instances, SecretReader secrets,
      InstanceEndpoints endpoints) {
    this.instances = instances;
    this.secrets = secrets;
    this.endpoints = endpoints;
  }

  public Future<Connection> resolve(Model model) {
    ConnectionRef ref = model.getSpec().connectionRef;
    String ns = model.getMetadata().getNamespace();
    if (ref != null && ref.secretRef != null && ref.secretRef.secretName != null && !ref.secretRef.secretName.isEmpty()) {
      return viaSecret(orDefault(ref.secretRef.namespace, ns), ref.secretRef.secretName);
    }
    if (ref != null && ref.instanceRef != null && ref.instanceRef.name != null && !ref.instanceRef.name.isEmpty()) {
      return viaInstance(orDefault(ref.instanceRef.namespace, ns), ref.instanceRef.name);
    }
    return Future.failedFuture(ModelProblem.permanent("InvalidSpec",
        "spec.connectionRef needs secretRef.secretName or instanceRef.name"));
  }

  /** Whether the connection is gone for good (used to release a finalizer instead of hanging forever). */
  public boolean isGoneForGood(Model model) {
    ConnectionRef ref = model.getSpec().connectionRef;
    if (ref != null && ref.instanceRef != null && ref.instanceRef.name != null) {
      String ns = orDefault(ref.instanceRef.namespace, model.getMetadata().getNamespace());
      LiteLLMInstance inst = instances.apply(ns, ref.instanceRef.name);
      return inst == null || inst.getMetadata().getDeletionTimestamp() != null;
    }
    return false;
  }

  private Future<Connection> viaSecret(String ns, String name) {
    return secrets.read(ns, name).compose(opt -> {
      if (opt.isEmpty()) {
        return Future.failedFuture(ModelProblem.transientProblem("ConnectionError",
            "connection Secret " + ns + "/" + name + " not found"));
      }
      String url = opt.get().data().get(URL_KEY);
      String key = opt.get().data().get(MASTER_KEY);
      if (url == null || url.isBlank() || key == null || key.isBlank()) {
        return Future.failedFuture(ModelProblem.transientProblem("ConnectionError",
            "connection Secret " + ns + "/" + name + " needs non-empty keys '" + URL_KEY + "' and '" + MASTER_KEY + "'"));
      }
      String base = stripSlash(url.trim());
      return Future.succeededFuture(new Connection(new LiteLLMEndpoint(base, key.trim()), base, "Secret " + ns + "/" + name));
    });
  }

  private Future<Connection> viaInstance(String ns, String name) {
    LiteLLMInstance inst = instances.apply(ns, name);
    if (inst == null) {
      return Future.failedFuture(ModelProblem.transientProblem("InstanceNotFound",
          "LiteLLMInstance " + ns + "/" + name + " not found"));
    }
    String secretName = name + MASTER_KEY_SECRET_SUFFIX;
    return secrets.read(ns, secretName).compose(opt -> {
      String key = opt.map(s -> s.data().get(MASTER_KEY)).orElse(null);
      if (key == null || key.isBlank()) {
        return Future.failedFuture(ModelProblem.transientProblem("ConnectionError",
            "master key Secret " + ns + "/" + secretName + " of LiteLLMInstance " + name + " not found yet"));
      }
      return endpoints.baseUrl(inst, key.trim()).map(url -> {
        String base = stripSlash(url);
        return new Connection(new LiteLLMEndpoint(base, key.trim()), base, "LiteLLMInstance " + ns + "/" + name);
      });
    });
  }

  private static String orDefault(String v, String def) {
    return v == null || v.isEmpty() ? def : v;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
