package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.MicrometerEventLogMetrics;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.eventlog.TopicConfig;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.InformerPublisher;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.kube.KubeServices;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.SecretWatch;
import ai.litellm.operator.sharding.NamespaceGate;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Wires the Model controller in dependency order: the Model informers (publishing onto the "model" topic's event-bus
 * address), then the reconciler over their cache, then the topic whose partitions run it one key at a time; the
 * {@link DriftDetector} lists each proxy periodically. A {@link SecretWatch} over the same namespaces wakes the Models
 * that read a Secret when it changes ({@link SecretReferences}).
 */
public final class ModelController {
  public static final String TOPIC = "model";

  private final Vertx vertx;
  private final KubeServices kube;
  private final ModelControllerSettings settings;
  private final InformerSet<Model> models;
  private final EventLog<ModelState> log;
  private final DriftDetector drift;
  private final ModelMetrics metrics;
  private final ParkedDependents dependents;
  private final InstanceDependents instanceDependents;
  private final ProxyHealth health;
  private final SecretWatch secrets;
  private final AtomicBoolean driftRunning = new AtomicBoolean();
  private long driftTimer = -1;

  private ModelController(Vertx vertx, KubeServices kube, ModelControllerSettings settings, InformerSet<Model> models,
      EventLog<ModelState> log, DriftDetector drift, ModelMetrics metrics, ParkedDependents dependents,
      InstanceDependents instanceDependents, ProxyHealth health, SecretWatch secrets) {
    this.health = health;
    this.dependents = dependents;
    this.instanceDependents = instanceDependents;
    this.secrets = secrets;
    this.vertx = vertx;
    this.kube = kube;
    this.settings = settings;
    this.models = models;
    this.log = log;
    this.drift = drift;
    this.metrics = metrics;
  }

  /**
   * Deploys the topic and creates the informers (not yet started: see {@link #watchAll()} and {@link #watch}).
   *
   * @param litellm the LiteLLM calls (rate-limited per proxy, see {@link LiteLLMCalls})
   * @param instances the LiteLLMInstance cache, to resolve {@code connectionRef.instanceRef}
   * @param deployments the instances' Deployments: a Model's Ready reflects its instance's availability
   * @param gate which namespaces this replica reconciles (sharding, leader election)
   */
  public static Future<ModelController> create(Vertx vertx, ModelControllerSettings settings, KubeServices kube,
      LiteLLMPort litellm, Cache<LiteLLMInstance> instances, Cache<Deployment> deployments, InstanceEndpoints endpoints,
      NamespaceGate gate, MeterRegistry registry) {
    TopicConfig topic = TopicConfig.of(TOPIC, settings.partitions(), settings.concurrency(), settings.backoffBase(),
        settings.backoffCap());
    Consumer<ResourceEvent> publish = EventLog.publisher(vertx, topic);
    ModelMetrics metrics = new ModelMetrics(registry);

    // 1. informers
    InformerSet<Model> models = kube.informers(Model.class, settings.resyncPeriod(), Map.of(),
        synced -> InformerPublisher.forPrimary("Model", publish, synced)).withoutManagedFields()
        .withIndex(InstanceDependents.INDEX, InstanceDependents::indexValues)
        .withIndex(SecretReferences.INDEX, SecretReferences::of);
    InstanceAvailability availability = new InstanceAvailability(instances::get, deployments::get,
        endpoints::servedByDeployment);
    InstanceDependents instanceDependents = new InstanceDependents(availability,
        instance -> models.indexKeys(InstanceDependents.INDEX, instance), publish);

    // 2. reconciler
    KubernetesPort<Model> port = kube.port(Model.class, models);
    ReferenceNamespaces namespaces = new ReferenceNamespaces(settings.allowCrossNamespaceRefs());
    ConnectionResolver connections = new ConnectionResolver(instances::get, port::readSecret, endpoints, namespaces);
    KnownProxies proxies = new KnownProxies();
    ParkedDependents dependents = new ParkedDependents(publish);
    ProxyHealth health = new ProxyHealth(settings.unreachableAfterPasses());
    SecretReferences references = new SecretReferences(models, dependents);
    SecretWatch secrets = kube.secretWatch(references::referenced, references::changed);
    ModelReconciler reconciler = new ModelReconciler(port, litellm, connections, metrics, namespaces, proxies,
        settings.installId(), settings.hash(), settings.resyncPeriod(), dependents, availability, health);

    // 3. queue, which owns one ModelState per key; the drift detector reads those states beside it
    return EventLog.deploy(vertx, topic, gate.guard(reconciler), new MicrometerEventLogMetrics(registry, TOPIC),
            (key, namespace, name) -> new ModelState())
        .onSuccess(dependents::attach)
        .map(log -> new ModelController(vertx, kube, settings, models, log,
            new DriftDetector(models, log, proxies, litellm, publish, ns -> settings.watches(ns) && gate.isOpen(ns),
                settings.consistencyGrace(), metrics, settings.installId(), health, port),
            metrics, dependents, instanceDependents, health, secrets));
  }

  /** Starts one informer over all namespaces and the drift timer. */
  public Future<Void> watchAll() {
    return kube.bridge().<Void>call(() -> {
      models.startAllNamespaces();
      secrets.startAllNamespaces(); // after the Models: their index says which Secrets to keep
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  /** Starts watching one namespace (namespace lists and sharding). */
  public Future<Void> watch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      models.start(namespace);
      secrets.start(namespace);
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  /** Stops watching one namespace (sharding hand-off) and forgets its keys' states. */
  public Future<Void> unwatch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      models.stop(namespace);
      instanceDependents.forgetNamespace(namespace);
      secrets.stop(namespace);
      return null;
    }).compose(v -> log.forgetNamespace(namespace)).mapEmpty();
  }

  private synchronized void startDriftTimer() {
    if (driftTimer >= 0) {
      return;
    }
    driftTimer = vertx.setPeriodic(settings.driftInterval().toMillis(), id -> runDriftPass());
  }

  /** One drift pass now (the timer calls it; tests and the benchmark call it directly). */
  public Future<Void> runDriftPass() {
    if (!driftRunning.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return drift.runOnce().andThen(ar -> driftRunning.set(false));
  }

  /**
   * A LiteLLMInstance changed (or went away): Models parked on it (a refused cross-namespace reference waiting for its
   * grant annotation) look again now, resyncs left to the slow re-check; and every Model of the instance looks again
   * when its availability changed ({@link InstanceDependents}). Any thread; non-blocking.
   */
  public void instanceChanged(ResourceEvent e) {
    if (e.type() != EventType.RESYNC && e.type() != EventType.REQUEUE) {
      dependents.changed(ParkedDependents.instance(e.namespace(), e.name()));
    }
    instanceDependents.changed(e);
  }

  /**
   * An instance's Deployment changed ({@code e} carries the instance's key): its Models look again when the instance's
   * availability changed with it ({@link InstanceDependents}; issue #14.1). Any thread; non-blocking.
   */
  public void instanceDeploymentChanged(ResourceEvent e) {
    instanceDependents.changed(e);
  }

  /**
   * The keys of the Models that sync through an instance ({@link InstanceDependents#INDEX}), for a deleting instance
   * that keeps its proxy for them (issue #14.2); null while the Models of its namespace are not listed yet ("not known"
   * is never "none"). Only Models in namespaces this replica watches are seen. Any thread; non-blocking.
   */
  public java.util.List<String> modelsReferencing(String namespace, String name) {
    if (!models.watches(namespace) || !models.hasSynced()) {
      return null;
    }
    return models.indexKeys(InstanceDependents.INDEX, namespace + "/" + name);
  }

  public Future<Void> stop(Duration maxWait) {
    synchronized (this) {
      if (driftTimer >= 0) {
        vertx.cancelTimer(driftTimer);
      }
    }
    return log.stop(maxWait).andThen(ar -> {
      secrets.stopAll();
      models.stopAll();
    });
  }

  public InformerSet<Model> models() {
    return models;
  }

  /** The watch on the Secrets Models read (memory gauge, readiness). */
  public SecretWatch secrets() {
    return secrets;
  }

  public EventLog<ModelState> log() {
    return log;
  }

  public ModelMetrics metrics() {
    return metrics;
  }

  /** Instances whose serving verdict is remembered (memory gauge: follows the instances watched). */
  public int instanceVerdicts() {
    return instanceDependents.remembered();
  }

  /** Proxies failing drift passes now (memory gauge: forgotten when they answer or are retired). */
  public int failingProxies() {
    return health.remembered();
  }

  /** This install's id, as written into every ownership marker. */
  public String installId() {
    return settings.installId();
  }
}
