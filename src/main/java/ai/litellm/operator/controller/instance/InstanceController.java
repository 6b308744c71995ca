package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.MicrometerEventLogMetrics;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.eventlog.TopicConfig;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.InformerPublisher;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.kube.KubeServices;
import ai.litellm.operator.kube.ServerSideApplier;
import ai.litellm.operator.render.InstanceLabels;
import ai.litellm.operator.render.ObjectMetas;
import ai.litellm.operator.render.ReferencedSecrets;
import ai.litellm.operator.sharding.NamespaceGate;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
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
import java.util.function.Consumer;

/**
 * Wires the LiteLLMInstance controller: instance informers and the informers of what instances own (selected by the
 * operator's managed-by label) and of user Secrets in namespaces that hold instances all publish instance keys onto
 * the "instance" topic, whose partitions run {@link InstanceReconciler}.
 */
public final class InstanceController {
  public static final String TOPIC = "instance";
  private static final String KIND = "LiteLLMInstance";

  private final KubeServices kube;
  private final EventLog<InstanceState> log;
  private final InformerSet<LiteLLMInstance> instances;
  private final List<InformerSet<? extends HasMetadata>> ownedSets;
  private final UserSecrets userSecrets;
  private final Cache<Deployment> deployments;

  private InstanceController(KubeServices kube, EventLog<InstanceState> log, InformerSet<LiteLLMInstance> instances,
      List<InformerSet<? extends HasMetadata>> ownedSets, UserSecrets userSecrets, Cache<Deployment> deployments) {
    this.deployments = deployments;
    this.kube = kube;
    this.log = log;
    this.instances = instances;
    this.ownedSets = ownedSets;
    this.userSecrets = userSecrets;
  }

  /**
   * Builds the controller in dependency order — informers (publishing onto the "instance" topic's event-bus address),
   * the reconciler over their caches, then the topic — with the informers not yet started ({@link #watchAll()},
   * {@link #watch}).
   *
   * @param gate which namespaces this replica reconciles (sharding, leader election)
   * @param instanceChanges also told of every change of a LiteLLMInstance (besides the instance topic): Models parked
   *     on an instance look again when it changes (issue #13.3); any thread, must not block
   * @param deploymentChanges told of every change of an instance's Deployment, as an event with the instance's key (a
   *     Model's Ready reflects its instance's availability, issue #14.1); any thread, must not block
   * @param dependentModels the Models that still reference an instance: a deleting instance keeps its proxy for them
   *     (issue #14.2)
   */
  public static Future<InstanceController> create(Vertx vertx, InstanceControllerSettings settings, KubeServices kube,
      boolean gatewayApiInstalled, NamespaceGate gate, MeterRegistry registry,
      Consumer<ResourceEvent> instanceChanges, Consumer<ResourceEvent> deploymentChanges,
      DependentModels dependentModels) {
    TopicConfig topic = TopicConfig.of(TOPIC, Math.max(1, Math.min(settings.partitions(), 4)), settings.concurrency(),
        settings.backoffBase(), settings.backoffCap());
    Consumer<ResourceEvent> publish = EventLog.publisher(vertx, topic);
    Duration resync = settings.resyncPeriod();
    Map<String, String> ours = Map.of(InstanceLabels.MANAGED_BY, InstanceLabels.MANAGED_BY_VALUE);

    // 1. informers: the instances, what they own (selected by the managed-by label), and the user Secrets they read
    var configMaps = owned(kube, ConfigMap.class, resync, publish, ours);
    var secrets = owned(kube, Secret.class, resync, publish, ours);
    // A Deployment's changes also reach the Models (its availability is their instance's, issue #14.1)
    var deployments = owned(kube, Deployment.class, resync, publish.andThen(deploymentChanges), ours);
    var services = owned(kube, Service.class, resync, publish, ours);
    var ingresses = owned(kube, Ingress.class, resync, publish, ours);
    // HTTPRoutes are watched only where the Gateway API is served: an informer on a missing kind would fail to start.
    var routes = gatewayApiInstalled ? owned(kube, HTTPRoute.class, resync, publish, ours) : null;
    List<InformerSet<? extends HasMetadata>> ownedSets = new ArrayList<>(
        List.of(configMaps, secrets, deployments, services, ingresses));
    if (routes != null) {
      ownedSets.add(routes);
    }
    InformerSet<LiteLLMInstance> instances = kube.informers(LiteLLMInstance.class, resync, Map.of(),
        synced -> InformerPublisher.forPrimary(KIND, publish.andThen(instanceChanges), synced));
    // Referenced user Secrets map to every instance of their namespace that reads them. A namespace's Secret informer
    // starts with the first reconcile of an instance there (UserSecrets#ensureWatching).
    UserSecrets userSecrets = new UserSecrets(kube.informers(Secret.class, resync, Map.of(),
        synced -> new SecretToInstances(instances, publish)).withoutManagedFields(), instances, kube.bridge());
    OwnedObjects owned = new OwnedObjects(configMaps, secrets, deployments, services, ingresses, routes);

    // 2. reconciler
    var port = kube.port(LiteLLMInstance.class, instances);
    KeysSecret keys = KeysSecret.over(kube);
    InstanceReconciler reconciler = new InstanceReconciler(port, owned,
        userSecrets, new ServerSideApplier(kube.client(), kube.bridge(), kube.limiter()), settings.render(),
        () -> gatewayApiInstalled, new InstanceDeletion(port, dependentModels, keys, settings.deletionGrace()), keys);

    // 3. queue
    return EventLog.deploy(vertx, topic, gate.guard(reconciler), new MicrometerEventLogMetrics(registry, TOPIC),
            (key, namespace, name) -> new InstanceState())
        .map(log -> new InstanceController(kube, log, instances, List.copyOf(ownedSets), userSecrets,
            deployments));
  }

  private static <T extends HasMetadata> InformerSet<T> owned(KubeServices kube, Class<T> type, Duration resync,
      Consumer<ResourceEvent> publish, Map<String, String> labels) {
    return kube.informers(type, resync, labels, synced ->
        InformerPublisher.forSecondary(type.getSimpleName(), publish, () -> true, InstanceController::ownerEvent));
  }

  /**
   * The LiteLLMInstance of an owned object, as an event for the instance topic: its controller, or for the kept salt
   * key Secret (no ownerReference) the instance its labels name.
   */
  static ResourceEvent ownerEvent(HasMetadata obj) {
    if (obj.getMetadata().getOwnerReferences() != null) {
      for (OwnerReference ref : obj.getMetadata().getOwnerReferences()) {
        if (Boolean.TRUE.equals(ref.getController()) && KIND.equals(ref.getKind())) {
          return new ResourceEvent(KIND, obj.getMetadata().getNamespace(), ref.getName(), ref.getUid(), "", 0,
              EventType.UPDATED, System.currentTimeMillis());
        }
      }
    }
    Map<String, String> labels = obj.getMetadata().getLabels();
    String instance = labels == null ? null : labels.get(InstanceLabels.INSTANCE);
    if (instance != null && obj.getMetadata().getAnnotations() != null
        && "keep".equals(obj.getMetadata().getAnnotations().get(ObjectMetas.RESOURCE_POLICY))) {
      return new ResourceEvent(KIND, obj.getMetadata().getNamespace(), instance, "", "", 0, EventType.UPDATED,
          System.currentTimeMillis());
    }
    return null;
  }

  public Future<Void> watchAll() {
    return kube.bridge().<Void>call(() -> {
      ownedSets.forEach(InformerSet::startAllNamespaces);
      instances.startAllNamespaces();
      return null;
    });
  }

  public Future<Void> watch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      ownedSets.forEach(s -> s.start(namespace));
      instances.start(namespace);
      return null;
    });
  }

  /** Stops watching one namespace (sharding hand-off) and forgets its keys' states. */
  public Future<Void> unwatch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      instances.stop(namespace);
      ownedSets.forEach(s -> s.stop(namespace));
      userSecrets.stop(namespace);
      return null;
    }).compose(v -> log.forgetNamespace(namespace)).mapEmpty();
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

  /** The instances' Deployments (their availability is what a Model's Ready reflects). */
  public Cache<Deployment> deployments() {
    return deployments;
  }

  /** Namespaces whose user Secrets are watched now (one informer each; stopped with a namespace's last instance). */
  public int userSecretNamespaces() {
    return userSecrets.informers().namespaces().size();
  }

  /** Whether every informer of this controller is still watching (see InformerSet#allWatching). */
  public boolean informersWatching() {
    return instances.allWatching() && userSecrets.informers().allWatching()
        && ownedSets.stream().allMatch(InformerSet::allWatching);
  }

  public boolean hasSynced() {
    return instances.hasSynced() && ownedSets.stream().allMatch(InformerSet::hasSynced);
  }

  public EventLog<InstanceState> log() {
    return log;
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
