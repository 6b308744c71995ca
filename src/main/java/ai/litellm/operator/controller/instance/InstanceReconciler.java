package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileLog;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.InstanceRenderer;
import ai.litellm.operator.render.InvalidSpecException;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.render.RenderException;
import ai.litellm.operator.render.RenderedInstance;
import ai.litellm.operator.render.ResolvedInstanceInputs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one LiteLLMInstance key:
 * <pre>
 *   live:      ensureFinalizer → resolveInputs → render → applyChildren → removeDisabledChildren → writeStatus
 *   deleting:  wait for the Models that reference it (bounded) → releaseFinalizer   ({@link InstanceDeletion})
 * </pre>
 * Render is pure; a bad spec or a missing dependency stops before anything is applied, so the last good ConfigMap and
 * Deployment keep serving. Children are deleted by Kubernetes garbage collection through their controller
 * ownerReference once the instance object is gone; the finalizer holds that until its Models deleted their LiteLLM
 * rows through the still-running proxy (issue #14.2). See DESIGN.md.
 */
public final class InstanceReconciler implements KeyHandler<InstanceState> {
  /** Every line carries the run's reconcile id (see {@link ReconcileLog}). */
  private static final ReconcileLog LOG = new ReconcileLog(LoggerFactory.getLogger(InstanceReconciler.class),
      InstanceController.TOPIC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesPort<LiteLLMInstance> kube;
  private final OwnedObjects owned;
  private final UserSecrets userSecrets;
  private final ServerSideApplier applier;
  private final OperatorSettings settings;
  private final BooleanSupplier gatewayApiInstalled;
  private final InstanceDeletion deletion;
  private final KeysSecret keys;

  InstanceReconciler(KubernetesPort<LiteLLMInstance> kube, OwnedObjects owned, UserSecrets userSecrets,
      ServerSideApplier applier, OperatorSettings settings, BooleanSupplier gatewayApiInstalled,
      InstanceDeletion deletion, KeysSecret keys) {
    this.deletion = deletion;
    this.keys = keys;
    this.kube = kube;
    this.owned = owned;
    this.userSecrets = userSecrets;
    this.applier = applier;
    this.settings = settings;
    this.gatewayApiInstalled = gatewayApiInstalled;
  }

  /** What one reconcile learned on its way: the rendered objects and the live ones after applying them. */
  private static final class Pass {
    final LiteLLMInstance instance;
    final ReconcileRequest<InstanceState> req;
    final InstanceState state;
    RenderedInstance rendered;
    boolean replicasLeftToAutoscaler;
    String routeProblem;
    final Map<String, HasMetadata> live = new HashMap<>();
    final List<String> changed = new ArrayList<>();

    Pass(LiteLLMInstance instance, ReconcileRequest<InstanceState> req) {
      this.instance = instance;
      this.req = req;
      this.state = req.state();
    }

    String ns() {
      return instance.getMetadata().getNamespace();
    }

    String name() {
      return instance.getMetadata().getName();
    }
  }

  @Override
  public Future<ReconcileResult> reconcile(ReconcileRequest<InstanceState> req) {
    LiteLLMInstance inst = kube.get(req.namespace(), req.name());
    if (inst == null) {
      // Gone: the namespace's user-Secret informer is stopped if this was its last instance. Its keys Secret is
      // released if its deletion did not (someone removed the instance's finalizer by hand).
      return keys.releaseIfInstanceGone(req.namespace(), req.name())
          .compose(v -> userSecrets.releaseIfUnused(req.namespace())).map(ReconcileResult.done());
    }
    if (inst.getMetadata().getDeletionTimestamp() != null) {
      // The proxy outlives its Models' cleanup (issue #14.2); Finalizers.has also counts the Go operator's
      // finalizer, which the release removes with ours (issue #14.8). No other finalizer is touched.
      return deletion.finalize(req, inst);
    }
    return kube.addFinalizer(inst).compose(withFinalizer -> live(req, withFinalizer))
        .recover(err -> onFailure(req, inst, err));
  }

  private Future<ReconcileResult> live(ReconcileRequest<InstanceState> req, LiteLLMInstance inst) {
    Pass pass = new Pass(inst, req);
    return resolveInputs(req, inst)
        .map(inputs -> render(pass, inputs))
        .compose(this::refuseForeignObjects)
        .compose(this::applyChildren)
        .compose(this::removeDisabledChildren)
        .compose(this::writeStatus)
        .recover(err -> onFailure(req, inst, err));
  }

  /**
   * The master and salt keys and snapshots of the referenced Secrets. The keys are generated once and then kept in
   * {@code <n>-secrets}, which outlives the instance. A salt key is generated only for an instance that never ran: once
   * its Deployment exists, LiteLLM has encrypted credentials with the stored salt key, and a missing one is reported
   * (SaltKeyMissing) with nothing rolled, never silently replaced.
   */
  private Future<ResolvedInstanceInputs> resolveInputs(ReconcileRequest<InstanceState> req, LiteLLMInstance inst) {
    String ns = inst.getMetadata().getNamespace();
    String secretName = InstanceNames.secret(inst.getMetadata().getName());
    // Our own Secret is read from the API server, never from a cache: deciding "absent" on a stale cache would
    // generate new keys and make every credential LiteLLM stored with the old salt key undecryptable.
    var own = kube.readSecretFresh(ns, secretName);
    return Future.all(own, userSecrets.ensureWatching(ns)).map(x -> {
      Map<String, String> current = own.result().map(s -> s.data()).orElse(Map.of());
      String specKey = inst.getSpec().masterKey;
      String masterKey = notBlank(specKey) ? specKey
          : notBlank(current.get(InstanceNames.MASTER_KEY)) ? current.get(InstanceNames.MASTER_KEY)
          : "sk-" + randomToken();
      String saltKey = current.get(InstanceNames.SALT_KEY);
      if (GoOperatorSecret.is(own.result())) {
        saltKey = GoOperatorSecret.effectiveSalt(own.result().get());
        LOG.info(req, "LiteLLMInstance {}/{}: Secret {} was written by the Go operator (no salt key): its master key, "
            + "LiteLLM's salt until now, is kept as the salt key", ns, inst.getMetadata().getName(), secretName);
      }
      if (!notBlank(saltKey)) {
        if (hasRun(inst)) {
          throw InstanceProblems.saltKeyMissing("the salt key in Secret " + ns + "/" + secretName + " is "
              + (own.result().isPresent() ? "empty" : "gone") + " but the proxy has run with one: a new salt key would "
              + "make every credential LiteLLM stored in its database unreadable. Restore the Secret from backup "
              + "(docs/operations.md, \"Salt key\"); nothing is rolled until then");
        }
        saltKey = randomToken();
      }
      return new ResolvedInstanceInputs(masterKey, saltKey, userSecrets.snapshots(ns, inst.getSpec()), settings);
    });
  }

  /** Whether the instance's proxy has run: its Deployment (controlled by this instance) exists. */
  private boolean hasRun(LiteLLMInstance inst) {
    Deployment d = owned.deployments().get(inst.getMetadata().getNamespace(),
        InstanceNames.deployment(inst.getMetadata().getName()));
    return d != null && ServerSideApplier.controlledBy(d, inst.getMetadata().getUid());
  }

  /**
   * Before anything is applied: an object with a child's name that the cache does not show (the caches see only
   * labelled objects) is read from the API server, and one that is not this instance's stops the whole apply.
   */
  private Future<Pass> refuseForeignObjects(Pass pass) {
    List<Future<Void>> checks = new ArrayList<>();
    for (HasMetadata desired : pass.rendered.all()) {
      if (desired == pass.rendered.httpRoute() && !gatewayApiInstalled.getAsBoolean()) {
        continue; // not applied either (GatewayAPIUnavailable)
      }
      HasMetadata cached = owned.liveOf(desired);
      if (cached != null && ChildOwnership.isOurs(cached, pass.instance)) {
        continue;
      }
      Future<HasMetadata> live = cached != null ? Future.succeededFuture(cached) : applier.current(desired);
      checks.add(live.compose(obj -> obj == null || ChildOwnership.isOurs(obj, pass.instance)
          ? Future.succeededFuture()
          : Future.failedFuture(InstanceProblems.childConflict(desired.getKind() + " " + pass.ns() + "/"
              + desired.getMetadata().getName() + " exists and is not this instance's (no controller reference to "
              + "it); the operator never takes over or deletes an object it cannot prove is its own. Rename the "
              + "instance or remove that object"))));
    }
    return Future.all(checks).map(pass);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private Pass render(Pass pass, ResolvedInstanceInputs inputs) {
    pass.rendered = InstanceRenderer.render(pass.instance, inputs);
    return pass;
  }

  /** Applies every enabled child in order (what the pods read first, then the Deployment, then what exposes it). */
  private Future<Pass> applyChildren(Pass pass) {
    RenderedInstance r = pass.rendered;
    Deployment liveDeployment = owned.deployments().get(pass.ns(), InstanceNames.deployment(pass.name()));
    pass.replicasLeftToAutoscaler = ReplicasOwnership.leftToAutoscaler(pass.instance, liveDeployment);
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata obj : r.all()) {
      if (obj == r.httpRoute() && !gatewayApiInstalled.getAsBoolean()) {
        pass.routeProblem = "spec.gateway.enabled is true but the Gateway API (gateway.networking.k8s.io HTTPRoute)"
            + " is not installed in the cluster";
        continue;
      }
      if (obj == r.deployment() && pass.replicasLeftToAutoscaler) {
        Deployment d = io.fabric8.kubernetes.client.utils.Serialization.clone(r.deployment());
        d.getSpec().setReplicas(null);
        obj = d;
      }
      objects.add(obj);
    }
    Future<Void> chain = Future.succeededFuture();
    for (HasMetadata obj : objects) {
      chain = chain.compose(v -> applyOne(obj).map(res -> {
        if (res.written()) {
          pass.changed.add("applied " + obj.getKind() + "/" + obj.getMetadata().getName());
        }
        if (res.live() != null) {
          pass.live.put(obj.getKind(), res.live());
        }
        return null;
      }));
    }
    return chain.map(pass);
  }

  /** Applies one child unless unchanged; the object the apply returned is read back until the informer has it. */
  private Future<ServerSideApplier.Result> applyOne(HasMetadata desired) {
    HasMetadata live = owned.liveOf(desired);
    return applier.apply(desired, live).onSuccess(res -> {
      if (res.written() && res.live() != null) {
        owned.wrote(live, res.live());
      }
    });
  }

  /** Deletes the Ingress / HTTPRoute of a disabled ingress / gateway, when we own one. */
  private Future<Pass> removeDisabledChildren(Pass pass) {
    String uid = pass.instance.getMetadata().getUid();
    Future<Boolean> ingress = pass.rendered.ingress() != null ? Future.succeededFuture(false)
        : applier.deleteIfOwned(owned.ingresses().get(pass.ns(), InstanceNames.ingress(pass.name())), uid);
    Future<Boolean> route = pass.rendered.httpRoute() != null ? Future.succeededFuture(false)
        : applier.deleteIfOwned(owned.routes() == null ? null
            : owned.routes().get(pass.ns(), InstanceNames.httpRoute(pass.name())), uid);
    return Future.all(ingress, route).map(cf -> {
      if (ingress.result()) {
        pass.changed.add("deleted Ingress/" + InstanceNames.ingress(pass.name()));
      }
      if (route.result()) {
        pass.changed.add("deleted HTTPRoute/" + InstanceNames.httpRoute(pass.name()));
      }
      return pass;
    });
  }

  private Future<ReconcileResult> writeStatus(Pass pass) {
    if (!pass.changed.isEmpty()) {
      LOG.info(pass.req, "LiteLLMInstance {}/{}: {}", pass.ns(), pass.name(), pass.changed);
    }
    Deployment deployment = (Deployment) pass.live.get("Deployment");
    boolean ingressWanted = pass.rendered.ingress() != null;
    boolean routeWanted = pass.rendered.httpRoute() != null;
    var children = new InstanceStatuses.Children(
        pass.live.containsKey("ConfigMap"),
        pass.live.containsKey("Secret"),
        deployment != null,
        pass.live.containsKey("Service"),
        ingressWanted && pass.live.containsKey("Ingress"),
        ingressWanted,
        routeWanted && pass.live.containsKey("HTTPRoute"),
        routeWanted,
        pass.routeProblem);
    int want = ReplicasOwnership.wanted(pass.instance, deployment, pass.replicasLeftToAutoscaler);
    LiteLLMInstanceStatus next = InstanceStatuses.observed(pass.instance, children, deployment, want);
    return writeIfChanged(pass.instance, next).compose(v -> recordReadyTransition(pass.state, pass.instance, next))
        .map(ReconcileResult.done());
  }

  /** An Event when the proxy becomes Ready or stops being Ready (transitions only; the recorder rate-limits). */
  private Future<Void> recordReadyTransition(InstanceState state, LiteLLMInstance inst, LiteLLMInstanceStatus next) {
    boolean was = inst.getStatus() != null && Conditions.isTrue(inst.getStatus().conditions, InstanceStatuses.READY);
    var ready = Conditions.find(next.conditions, InstanceStatuses.READY);
    boolean is = ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    if (!was && is) {
      return event(state, inst, EventSeverity.NORMAL, "Ready", ready.get().getMessage());
    }
    if (was && !is) {
      return event(state, inst, EventSeverity.WARNING, "NotReady",
          ready.map(c -> c.getMessage()).orElse("the Ready condition is gone"));
    }
    return Future.succeededFuture();
  }

  private Future<Void> writeIfChanged(LiteLLMInstance inst, LiteLLMInstanceStatus next) {
    if (!InstanceStatuses.changed(inst.getStatus(), next)) {
      return Future.succeededFuture();
    }
    return kube.writeStatus(inst, InstanceStatuses.stamp(next)).mapEmpty();
  }

  /** An Event on the instance, counted on the same one if the key's memo wrote it (at most once per 10 minutes). */
  private Future<Void> event(InstanceState state, LiteLLMInstance inst, EventSeverity severity, String reason,
      String message) {
    return kube.event(inst, state.events(), severity, reason, message);
  }

  private Future<ReconcileResult> onFailure(ReconcileRequest<InstanceState> req, LiteLLMInstance inst,
      Throwable err) {
    InstanceState state = req.state();
    String key = inst.getMetadata().getNamespace() + "/" + inst.getMetadata().getName();
    if (err instanceof RenderException r) {
      LOG.warn(req, "LiteLLMInstance {}: {} - {}; the last applied objects stay", key, r.reason(), r.getMessage());
      Future<Void> event = event(state, inst, EventSeverity.WARNING, r.reason(), r.getMessage());
      Future<Void> st = writeIfChanged(inst, InstanceStatuses.failed(inst, r.reason(), r.getMessage()));
      // A spec error heals only with a spec change (which enqueues the key). A missing Secret may appear later; its
      // creation enqueues us through the Secret informer, the retry with backoff is a backstop.
      boolean permanent = r instanceof InvalidSpecException;
      return Future.join(event, st).transform(x -> Future.succeededFuture(permanent ? ReconcileResult.permanent(err)
          : ReconcileResult.retry(err, null)));
    }
    LOG.info(req, "LiteLLMInstance {}: {} (will retry)", key, err.toString());
    Future<Void> st = writeIfChanged(inst, InstanceStatuses.failed(inst, "ApplyFailed", String.valueOf(err.getMessage())))
        .recover(e -> Future.succeededFuture());
    return st.map(x -> ReconcileResult.retry(err, null));
  }

  private static String randomToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
