package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.EventRecorder;
import ai.litellm.operator.kube.KubeRequestLimiter;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.kube.StatusPatcher;
import ai.litellm.operator.render.DependencyMissingException;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.InstanceRenderer;
import ai.litellm.operator.render.InvalidSpecException;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.render.ReferencedSecrets;
import ai.litellm.operator.render.RenderException;
import ai.litellm.operator.render.RenderedInstance;
import ai.litellm.operator.render.ResolvedInstanceInputs;
import ai.litellm.operator.render.SecretSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one LiteLLMInstance key:
 * <pre>
 *   resolveInputs → render → applyChildren → removeDisabledChildren → observeChildren → writeStatus
 * </pre>
 * Render is pure; a bad spec or a missing dependency stops before anything is applied, so the last good ConfigMap and
 * Deployment keep serving. Children are deleted by Kubernetes garbage collection through their controller
 * ownerReference, so an instance needs no finalizer.
 */
public final class InstanceReconciler implements KeyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceReconciler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Cache<LiteLLMInstance> instances;
  private final OwnedObjects owned;
  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter kube;
  private final ServerSideApplier applier;
  private final StatusPatcher status;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final BooleanSupplier gatewayApiInstalled;

  public InstanceReconciler(Cache<LiteLLMInstance> instances, OwnedObjects owned, KubernetesClient client,
      BlockingBridge bridge, KubeRequestLimiter kube, ServerSideApplier applier, StatusPatcher status,
      EventRecorder events, OperatorSettings settings, BooleanSupplier gatewayApiInstalled) {
    this.instances = instances;
    this.owned = owned;
    this.client = client;
    this.bridge = bridge;
    this.kube = kube;
    this.applier = applier;
    this.status = status;
    this.events = events;
    this.settings = settings;
    this.gatewayApiInstalled = gatewayApiInstalled;
  }

  private record Pass(LiteLLMInstance instance, RenderedInstance rendered, List<String> written, String routeProblem) {}

  @Override
  public Future<ReconcileResult> reconcile(ReconcileRequest req) {
    LiteLLMInstance inst = instances.get(req.namespace(), req.name());
    if (inst == null || inst.getMetadata().getDeletionTimestamp() != null) {
      return Future.succeededFuture(ReconcileResult.done());
    }
    return resolveInputs(inst)
        .map(inputs -> new Pass(inst, InstanceRenderer.render(inst, inputs), new ArrayList<>(), null))
        .compose(this::applyChildren)
        .compose(this::removeDisabledChildren)
        .compose(this::writeStatus)
        .recover(err -> onFailure(inst, err));
  }

  /** The master and salt keys (kept once generated) and snapshots of the referenced Secrets. */
  private Future<ResolvedInstanceInputs> resolveInputs(LiteLLMInstance inst) {
    String ns = inst.getMetadata().getNamespace();
    String secretName = InstanceNames.secret(inst.getMetadata().getName());
    // Read our own Secret from the API server, not a cache: deciding "absent" on a stale cache would generate new keys
    // and make every credential stored in LiteLLM undecryptable.
    return kube.read("get", () -> bridge.call(() -> client.secrets().inNamespace(ns).withName(secretName).get()))
        .map(existing -> {
          Map<String, String> current = decode(existing);
          String specKey = inst.getSpec().masterKey;
          String masterKey = specKey != null && !specKey.isBlank() ? specKey
              : current.getOrDefault(InstanceNames.MASTER_KEY, "sk-" + randomToken());
          String saltKey = current.getOrDefault(InstanceNames.SALT_KEY, randomToken());
          return new ResolvedInstanceInputs(masterKey, saltKey, snapshots(inst), settings);
        });
  }

  private Map<String, SecretSnapshot> snapshots(LiteLLMInstance inst) {
    Map<String, SecretSnapshot> out = new HashMap<>();
    String ns = inst.getMetadata().getNamespace();
    for (String name : ReferencedSecrets.of(inst.getSpec()).keySet()) {
      Secret s = owned.userSecrets().get(ns, name);
      if (s != null) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        if (s.getData() != null) keys.addAll(s.getData().keySet());
        if (s.getStringData() != null) keys.addAll(s.getStringData().keySet());
        out.put(name, SecretSnapshot.of(s.getMetadata().getResourceVersion(), keys));
      }
    }
    return out;
  }

  private Future<Pass> applyChildren(Pass pass) {
    RenderedInstance r = pass.rendered();
    String ns = pass.instance().getMetadata().getNamespace();
    List<HasMetadata> objects = new ArrayList<>(List.of(r.configMap(), r.secret(), r.deployment(), r.service()));
    if (r.ingress() != null) {
      objects.add(r.ingress());
    }
    String routeProblem = null;
    if (r.httpRoute() != null) {
      if (gatewayApiInstalled.getAsBoolean()) {
        objects.add(r.httpRoute());
      } else {
        routeProblem = "spec.gateway.enabled but the Gateway API (gateway.networking.k8s.io HTTPRoute) is not installed";
      }
    }
    // Sequential, in the renderer's order: the ConfigMap and Secret the pods read exist before the Deployment.
    Future<Void> chain = Future.succeededFuture();
    for (HasMetadata obj : objects) {
      chain = chain.compose(v -> applier.apply(obj, live(obj, ns)).map(res -> {
        if (res.written()) {
          pass.written().add(obj.getKind() + "/" + obj.getMetadata().getName());
        }
        return null;
      }));
    }
    String problem = routeProblem;
    return chain.map(v -> new Pass(pass.instance(), r, pass.written(), problem));
  }

  private HasMetadata live(HasMetadata obj, String ns) {
    String name = obj.getMetadata().getName();
    return switch (obj.getKind()) {
      case "ConfigMap" -> owned.configMaps().get(ns, name);
      case "Secret" -> owned.secrets().get(ns, name);
      case "Deployment" -> owned.deployments().get(ns, name);
      case "Service" -> owned.services().get(ns, name);
      case "Ingress" -> owned.ingresses().get(ns, name);
      default -> null;
    };
  }

  private Future<Pass> removeDisabledChildren(Pass pass) {
    LiteLLMInstance inst = pass.instance();
    String ns = inst.getMetadata().getNamespace();
    String name = inst.getMetadata().getName();
    String uid = inst.getMetadata().getUid();
    Future<Boolean> ingress = pass.rendered().ingress() != null ? Future.succeededFuture(false)
        : applier.deleteIfOwned(Ingress.class, ns, InstanceNames.ingress(name), uid);
    Future<Boolean> route = pass.rendered().httpRoute() != null || !gatewayApiInstalled.getAsBoolean()
        ? Future.succeededFuture(false)
        : applier.deleteIfOwned(HTTPRoute.class, ns, InstanceNames.httpRoute(name), uid);
    return Future.all(ingress, route).map(cf -> {
      if (ingress.result()) {
        pass.written().add("deleted Ingress/" + InstanceNames.ingress(name));
      }
      if (route.result()) {
        pass.written().add("deleted HTTPRoute/" + InstanceNames.httpRoute(name));
      }
      return pass;
    });
  }

  private Future<ReconcileResult> writeStatus(Pass pass) {
    LiteLLMInstance inst = pass.instance();
    String ns = inst.getMetadata().getNamespace();
    String name = inst.getMetadata().getName();
    RenderedInstance r = pass.rendered();
    var deployment = owned.deployments().get(ns, InstanceNames.deployment(name));
    boolean ingressWanted = r.ingress() != null;
    boolean routeWanted = r.httpRoute() != null && pass.routeProblem() == null;
    var children = new InstanceStatuses.Children(
        exists(owned.configMaps(), ns, InstanceNames.configMap(name), pass, "ConfigMap"),
        exists(owned.secrets(), ns, InstanceNames.secret(name), pass, "Secret"),
        deployment != null || pass.written().contains("Deployment/" + InstanceNames.deployment(name)),
        exists(owned.services(), ns, InstanceNames.service(name), pass, "Service"),
        ingressWanted && exists(owned.ingresses(), ns, InstanceNames.ingress(name), pass, "Ingress"),
        ingressWanted, routeWanted, routeWanted, pass.routeProblem());
    if (!pass.written().isEmpty()) {
      LOG.info("LiteLLMInstance {}/{}: applied {}", ns, name, pass.written());
    }
    LiteLLMInstanceStatus next = InstanceStatuses.observed(inst, children, deployment);
    return writeIfChanged(inst, next).compose(v -> recordReadyTransition(inst, next)).map(ReconcileResult.done());
  }

  /** An Event when the proxy becomes Ready or stops being Ready (transitions only; the recorder rate-limits). */
  private Future<Void> recordReadyTransition(LiteLLMInstance inst, LiteLLMInstanceStatus next) {
    boolean was = inst.getStatus() != null && Conditions.isTrue(inst.getStatus().conditions, InstanceStatuses.READY);
    var ready = Conditions.find(next.conditions, InstanceStatuses.READY);
    boolean is = ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    if (!was && is) {
      return events.normal(inst, "Ready", ready.get().getMessage());
    }
    if (was && !is) {
      return events.warning(inst, "NotReady", ready.map(c -> c.getMessage()).orElse("the Ready condition is gone"));
    }
    return Future.succeededFuture();
  }

  private static <T extends HasMetadata> boolean exists(Cache<T> cache, String ns, String name, Pass pass, String kind) {
    return cache.get(ns, name) != null || pass.written().contains(kind + "/" + name);
  }

  private Future<Void> writeIfChanged(LiteLLMInstance inst, LiteLLMInstanceStatus next) {
    if (!InstanceStatuses.changed(inst.getStatus(), next)) {
      return Future.succeededFuture();
    }
    return status.patch(LiteLLMInstance.class, inst.getMetadata().getNamespace(), inst.getMetadata().getName(),
        InstanceStatuses.stamp(next));
  }

  private Future<ReconcileResult> onFailure(LiteLLMInstance inst, Throwable err) {
    String key = inst.getMetadata().getNamespace() + "/" + inst.getMetadata().getName();
    if (err instanceof RenderException r) {
      LOG.warn("LiteLLMInstance {}: {} - {}; the last applied objects stay", key, r.reason(), r.getMessage());
      Future<Void> event = events.warning(inst, r.reason(), r.getMessage());
      Future<Void> st = writeIfChanged(inst, InstanceStatuses.failed(inst, r.reason(), r.getMessage()));
      boolean permanent = r instanceof InvalidSpecException;
      // A missing Secret may appear later; its creation enqueues us through the Secret informer, the retry is a backstop.
      return Future.join(event, st).map(x -> permanent ? ReconcileResult.permanent(err)
          : ReconcileResult.retry(err, null));
    }
    LOG.info("LiteLLMInstance {}: {} (will retry)", key, err.toString());
    Future<Void> st = writeIfChanged(inst, InstanceStatuses.failed(inst, "ApplyFailed", String.valueOf(err.getMessage())))
        .recover(e -> Future.succeededFuture());
    return st.map(x -> ReconcileResult.retry(err, null));
  }

  private static Map<String, String> decode(Secret s) {
    Map<String, String> out = new HashMap<>();
    if (s != null && s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static String randomToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean isDependencyMissing(Throwable t) {
    return t instanceof DependencyMissingException;
  }
}
