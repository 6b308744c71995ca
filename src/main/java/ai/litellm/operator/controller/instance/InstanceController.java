package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.app.OperatorContext;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.MicrometerEventLogMetrics;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.eventlog.TopicConfig;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.InformerPublisher;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.GatewayParentRef;
import ai.litellm.operator.render.InstanceLabels;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.render.ReferencedSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Wires the LiteLLMInstance controller: instance informers and the informers of what instances own (selected by the
 * operator's managed-by label) and of user Secrets in namespaces that hold instances all publish instance keys onto
 * the "instance" topic, whose partitions run {@link InstanceReconciler}.
 */
public final class InstanceController {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InstanceController.class);
  public static final String TOPIC = "instance";
  private static final String KIND = "LiteLLMInstance";

  private final OperatorContext ctx;
  private final EventLog<Void> log;
  private final InformerSet<LiteLLMInstance> instances;
  private final List<InformerSet<? extends HasMetadata>> ownedSets;
  private final UserSecrets userSecrets;

  private InstanceController(OperatorContext ctx, EventLog<Void> log, InformerSet<LiteLLMInstance> instances,
      List<InformerSet<? extends HasMetadata>> ownedSets, UserSecrets userSecrets) {
    this.ctx = ctx;
    this.log = log;
    this.instances = instances;
    this.ownedSets = ownedSets;
    this.userSecrets = userSecrets;
  }

  public static Future<InstanceController> create(OperatorContext ctx, boolean gatewayApiInstalled) {
    var cfg = ctx.config();
    AtomicReference<EventLog<Void>> logRef = new AtomicReference<>();
    Consumer<ResourceEvent> publish = e -> logRef.get().publish(e);
    AtomicReference<InformerSet<LiteLLMInstance>> instancesRef = new AtomicReference<>();
    Cache<LiteLLMInstance> instanceCache = Cache.deferred(instancesRef::get);
    Duration resync = cfg.resyncPeriod;
    Map<String, String> ours = Map.of(InstanceLabels.MANAGED_BY, InstanceLabels.MANAGED_BY_VALUE);

    var configMaps = owned(ctx, ConfigMap.class, resync, publish, ours);
    var secrets = owned(ctx, Secret.class, resync, publish, ours);
    var deployments = owned(ctx, Deployment.class, resync, publish, ours);
    var services = owned(ctx, Service.class, resync, publish, ours);
    var ingresses = owned(ctx, Ingress.class, resync, publish, ours);
    // HTTPRoutes are watched only where the Gateway API is served: an informer on a missing kind would fail to start.
    var routes = gatewayApiInstalled ? owned(ctx, HTTPRoute.class, resync, publish, ours) : null;
    List<InformerSet<? extends HasMetadata>> ownedSets = new ArrayList<>(
        List.of(configMaps, secrets, deployments, services, ingresses));
    if (routes != null) {
      ownedSets.add(routes);
    }
    // Referenced user Secrets map to every instance of their namespace that reads them.
    UserSecrets userSecrets = new UserSecrets(new InformerSet<>(ctx.client(), Secret.class, resync,
        new SecretToInstances(instanceCache, publish)), ctx.bridge());
    OwnedObjects owned = new OwnedObjects(configMaps, secrets, deployments, services, ingresses,
        routes != null ? routes : OwnedObjects.none());

    ServerSideApplier applier = new ServerSideApplier(ctx.client(), ctx.bridge(), ctx.kube());
    OperatorSettings settings = new OperatorSettings(
        cfg.gatewayParentName.isEmpty() ? null
            : new GatewayParentRef(cfg.gatewayParentName, blankToNull(cfg.gatewayParentNamespace),
                blankToNull(cfg.gatewayParentSectionName)),
        blankToNull(cfg.ingressClassName));
    InstanceReconciler reconciler = new InstanceReconciler(instanceCache, owned, userSecrets, ctx.client(),
        ctx.bridge(), ctx.kube(), applier, ctx.status(), ctx.events(), settings, () -> gatewayApiInstalled);
    TopicConfig topic = TopicConfig.of(TOPIC, Math.max(1, Math.min(cfg.partitions, 4)), cfg.instanceConcurrency,
        cfg.backoffBase, cfg.backoffCap);
    return EventLog.deploy(ctx.vertx(), topic, ctx.gate().guard(reconciler), new MicrometerEventLogMetrics(ctx.registry(), TOPIC))
        .map(log -> {
          logRef.set(log);
          InformerSet<LiteLLMInstance> set = new InformerSet<>(ctx.client(), LiteLLMInstance.class, resync,
              new InstanceEvents(publish, () -> instancesRef.get().hasSynced(), ns -> userSecrets.ensureWatching(ns)
                  .onFailure(e -> LOG.warn("cannot watch Secrets in {}: {}", ns, e.toString()))))
              .withoutManagedFields();
          instancesRef.set(set);
          return new InstanceController(ctx, log, set, List.copyOf(ownedSets), userSecrets);
        });
  }

  private static <T extends HasMetadata> InformerSet<T> owned(OperatorContext ctx, Class<T> type, Duration resync,
      Consumer<ResourceEvent> publish, Map<String, String> labels) {
    return new InformerSet<>(ctx.client(), type, resync,
        InformerPublisher.forSecondary(type.getSimpleName(), publish, () -> true, InstanceController::ownerEvent),
        labels);
  }

  /** The controlling LiteLLMInstance of an owned object, as an event for the instance topic. */
  static ResourceEvent ownerEvent(HasMetadata obj) {
    if (obj.getMetadata().getOwnerReferences() == null) {
      return null;
    }
    for (OwnerReference ref : obj.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController()) && KIND.equals(ref.getKind())) {
        return new ResourceEvent(KIND, obj.getMetadata().getNamespace(), ref.getName(), ref.getUid(), "", 0,
            EventType.UPDATED, System.currentTimeMillis());
      }
    }
    return null;
  }

  public Future<Void> watchAll() {
    return ctx.bridge().<Void>call(() -> {
      ownedSets.forEach(InformerSet::startAllNamespaces);
      instances.startAllNamespaces();
      return null;
    });
  }

  public Future<Void> watch(String namespace) {
    return ctx.bridge().<Void>call(() -> {
      ownedSets.forEach(s -> s.start(namespace));
      instances.start(namespace);
      return null;
    });
  }

  public Future<Void> unwatch(String namespace) {
    return ctx.bridge().<Void>call(() -> {
      instances.stop(namespace);
      ownedSets.forEach(s -> s.stop(namespace));
      userSecrets.stop(namespace);
      return null;
    });
  }

  public Future<Void> stop(Duration maxWait) {
    return log.stop(maxWait).andThen(ar -> {
      instances.stopAll();
      ownedSets.forEach(InformerSet::stopAll);
      userSecrets.stopAll();
    });
  }

  public Cache<LiteLLMInstance> instances() {
    return instances;
  }

  public boolean hasSynced() {
    return instances.hasSynced() && ownedSets.stream().allMatch(InformerSet::hasSynced);
  }

  public EventLog<Void> log() {
    return log;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Instance events, plus starting the Secret watch of a namespace the first time an instance appears there. */
  private static final class InstanceEvents implements io.fabric8.kubernetes.client.informers.ResourceEventHandler<
      LiteLLMInstance> {
    private final InformerPublisher<LiteLLMInstance> delegate;
    private final Consumer<String> onNamespace;

    InstanceEvents(Consumer<ResourceEvent> publish, java.util.function.BooleanSupplier synced,
        Consumer<String> onNamespace) {
      this.delegate = InformerPublisher.forPrimary(KIND, publish, synced);
      this.onNamespace = onNamespace;
    }

    @Override
    public void onAdd(LiteLLMInstance obj) {
      onNamespace.accept(obj.getMetadata().getNamespace());
      delegate.onAdd(obj);
    }

    @Override
    public void onUpdate(LiteLLMInstance oldObj, LiteLLMInstance newObj) {
      delegate.onUpdate(oldObj, newObj);
    }

    @Override
    public void onDelete(LiteLLMInstance obj, boolean unknown) {
      delegate.onDelete(obj, unknown);
    }
  }

  /** A user Secret changed: every instance of its namespace that references it looks again. */
  private record SecretToInstances(Cache<LiteLLMInstance> instances, Consumer<ResourceEvent> publish)
      implements io.fabric8.kubernetes.client.informers.ResourceEventHandler<Secret> {
    @Override
    public void onAdd(Secret s) {
      changed(s);
    }

    @Override
    public void onUpdate(Secret o, Secret n) {
      if (!java.util.Objects.equals(o.getMetadata().getResourceVersion(), n.getMetadata().getResourceVersion())) {
        changed(n);
      }
    }

    @Override
    public void onDelete(Secret s, boolean unknown) {
      changed(s);
    }

    private void changed(Secret s) {
      String ns = s.getMetadata().getNamespace();
      for (LiteLLMInstance inst : instances.list()) {
        if (ns.equals(inst.getMetadata().getNamespace())
            && ReferencedSecrets.of(inst.getSpec()).containsKey(s.getMetadata().getName())) {
          publish.accept(InformerPublisher.of(KIND, inst, EventType.UPDATED));
        }
      }
    }
  }
}
