package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Resolves each Model's own connection on every reconcile (no process-wide client pinned to the first Model):
 * {@code connectionRef.instanceRef} → the instance's proxy and the master key in {@code <name>-secrets};
 * {@code connectionRef.secretRef} → a Secret with keys {@code url} and {@code masterkey}. Namespaces default to the
 * Model's, and another namespace is refused unless allowed ({@link ReferenceNamespaces}). Failures are
 * {@link ModelProblem}s with the reason the user sees; a missing instance or connection Secret is marked
 * {@link ModelProblem#isConnectionGone() gone} so a deletion does not wait for it forever. The CRD schema admits
 * exactly one of the two refs; a Model stored before that rule with both keeps resolving through its secretRef (and
 * {@code kubectl get models} shows both in the Connection column).
 */
public final class ConnectionResolver {
  public static final String MASTER_KEY_SECRET_SUFFIX = "-secrets";
  public static final String MASTER_KEY = "masterkey";
  public static final String URL_KEY = "url";
  private static final String INSTANCE_VIA = "LiteLLMInstance ";
  private static final String SECRET_VIA = "Secret ";

  /** Reads a Secret by namespace and name (empty when it does not exist). */
  @FunctionalInterface
  interface SecretSource {
    Future<Optional<SecretData>> read(String namespace, String name);
  }

  private final BiFunction<String, String, LiteLLMInstance> instances;
  private final SecretSource secrets;
  private final InstanceEndpoints endpoints;
  private final ReferenceNamespaces namespaces;

  /** @param instances looks an instance up by namespace and name in the informer cache (null when absent) */
  ConnectionResolver(BiFunction<String, String, LiteLLMInstance> instances, SecretSource secrets,
      InstanceEndpoints endpoints, ReferenceNamespaces namespaces) {
    this.instances = instances;
    this.secrets = secrets;
    this.endpoints = endpoints;
    this.namespaces = namespaces;
  }

  public Future<Connection> resolve(Model model) {
    return resolve(model, model.getSpec().connectionRef);
  }

  /** The connection of any object with a Model's {@code connectionRef} (a Credential), its grants checked alike. */
  public Future<Connection> resolve(HasMetadata model, ConnectionRef ref) {
    try {
      if (ref != null && ref.secretRef != null && !blank(ref.secretRef.secretName)) {
        var target = namespaces.resolve(model, "spec.connectionRef.secretRef.namespace", ref.secretRef.namespace);
        return viaSecret(model, target, ref.secretRef.secretName);
      }
      if (ref != null && ref.instanceRef != null && !blank(ref.instanceRef.name)) {
        var target = namespaces.resolve(model, "spec.connectionRef.instanceRef.namespace", ref.instanceRef.namespace);
        return viaInstance(model, target, ref.instanceRef.name);
      }
      return Future.failedFuture(ModelProblem.permanent("InvalidSpec",
          "spec.connectionRef needs exactly one of secretRef.secretName and instanceRef.name"));
    } catch (ModelProblem p) {
      return Future.failedFuture(p);
    }
  }

  private Future<Connection> viaSecret(HasMetadata model, ReferenceNamespaces.Target target, String name) {
    String ns = target.namespace();
    return secrets.read(ns, name).compose(opt -> {
      if (opt.isEmpty()) {
        return Future.failedFuture(ModelProblem.connectionGone("ConnectionError",
            "connection Secret " + ns + "/" + name + " (spec.connectionRef.secretRef) not found"));
      }
      namespaces.checkGrant(model, target, "Secret " + name, opt.get().annotations());
      String url = opt.get().data().get(URL_KEY);
      String key = opt.get().data().get(MASTER_KEY);
      if (blank(url) || blank(key)) {
        return Future.failedFuture(ModelProblem.transientProblem("ConnectionError",
            "connection Secret " + ns + "/" + name + " needs non-empty keys '" + URL_KEY + "' and '" + MASTER_KEY + "'"));
      }
      String base = stripSlash(url.trim());
      return Future.succeededFuture(new Connection(new LiteLLMEndpoint(base, key.trim()), base, "Secret " + ns + "/" + name));
    });
  }

  private Future<Connection> viaInstance(HasMetadata model, ReferenceNamespaces.Target target, String name) {
    String ns = target.namespace();
    LiteLLMInstance inst = instances.apply(ns, name);
    if (inst == null) {
      return Future.failedFuture(ModelProblem.connectionGone("InstanceNotFound",
          "LiteLLMInstance " + ns + "/" + name + " (spec.connectionRef.instanceRef) not found"));
    }
    namespaces.checkGrant(model, target, "LiteLLMInstance " + name, inst.getMetadata().getAnnotations());
    boolean instanceDeleting = inst.getMetadata().getDeletionTimestamp() != null;
    String secretName = name + MASTER_KEY_SECRET_SUFFIX;
    return secrets.read(ns, secretName).compose(opt -> {
      if (opt.isEmpty() && !instanceDeleting) {
        // A new instance has not made its Secret yet (its first reconcile races the Model's): the Model waits for its
        // instance, as for its Deployment, without a Warning. The Secret's appearance wakes it (SecretReferences).
        return Future.failedFuture(new NotServing(ModelStatuses.INSTANCE_NOT_READY, "LiteLLMInstance " + ns + "/"
            + name + " has not created its master key Secret " + ns + "/" + secretName + " yet"));
      }
      String key = opt.map(s -> s.data().get(MASTER_KEY)).orElse(null);
      if (blank(key)) {
        String message = "master key Secret " + ns + "/" + secretName + " of LiteLLMInstance " + name
            + (instanceDeleting ? " is gone and the instance is being deleted" : " has no key '" + MASTER_KEY + "'");
        return Future.failedFuture(instanceDeleting ? ModelProblem.connectionGone("InstanceNotFound", message)
            : ModelProblem.transientProblem("ConnectionError", message));
      }
      return endpoints.baseUrl(inst, key.trim()).map(url -> {
        String base = stripSlash(url);
        return new Connection(new LiteLLMEndpoint(base, key.trim()), base, ParkedDependents.instance(ns, name));
      });
    });
  }

  /**
   * How a recorded endpoint is reached again (issue #14.4). {@code endpoint} null: never again ({@code why} says so).
   *
   * @param urlMoved the object that led there now names another URL (the old proxy may be gone for good)
   */
  record Reached(LiteLLMEndpoint endpoint, String why, boolean urlMoved) {}

  /**
   * Reaches the proxy a Model was applied to, from {@code status.appliedEndpoint}: the recorded URL with the master key
   * of the object that led there (an instance's {@code <name>-secrets}, which outlives the instance, or the connection
   * Secret). The caller has checked the record's seal (only this operator writes a valid one, after the grant check).
   */
  Future<Reached> reach(Model model, ai.litellm.operator.api.AppliedEndpoint was) {
    String via = was.via == null ? "" : was.via;
    boolean viaInstance = via.startsWith(INSTANCE_VIA);
    String ref = viaInstance ? via.substring(INSTANCE_VIA.length())
        : via.startsWith(SECRET_VIA) ? via.substring(SECRET_VIA.length()) : null;
    int slash = ref == null ? -1 : ref.indexOf('/');
    if (slash <= 0) {
      return Future.succeededFuture(new Reached(null, "unrecognised record '" + via + "'", false));
    }
    String ns = ref.substring(0, slash);
    String name = ref.substring(slash + 1);
    String secretName = viaInstance ? name + MASTER_KEY_SECRET_SUFFIX : name;
    return secrets.read(ns, secretName).map(opt -> {
      String key = opt.map(s -> s.data().get(MASTER_KEY)).orElse(null);
      if (blank(key)) {
        return new Reached(null, "Secret " + ns + "/" + secretName + " with its master key is gone", false);
      }
      String current = viaInstance ? null : opt.get().data().get(URL_KEY);
      String currentUrl = current == null ? null : stripSlash(current.trim());
      boolean same = currentUrl != null && was.url.equals(PreviousProxy.publicUrl(currentUrl));
      boolean moved = viaInstance ? instances.apply(ns, name) == null : !same;
      return new Reached(new LiteLLMEndpoint(same ? currentUrl : was.url, key.trim()), null, moved);
    });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
