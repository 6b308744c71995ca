package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
  private final CredentialController credentials;
  private final AtomicBoolean driftRunning = new AtomicBoolean();
  private long driftTimer = -1;

  private ModelController(Vertx vertx, KubeServices kube, ModelControllerSettings settings, InformerSet<Model> models,
      EventLog<ModelState> log, DriftDetector drift, ModelMetrics metrics, ParkedDependents dependents,
      InstanceDependents instanceDependents, ProxyHealth health, SecretWatch secrets, CredentialController credentials) {
    this.credentials = credentials;
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
      LiteLLMCalls litellm, Cache<LiteLLMInstance> instances, Cache<Deployment> deployments, InstanceEndpoints endpoints,
      NamespaceGate gate, MeterRegistry registry) {
    return create(vertx, settings, kube, litellm, litellm, instances, deployments, endpoints, gate, registry);
  }

  /** As above, with the two LiteLLM ports apart (tests mock them). */
  static Future<ModelController> create(Vertx vertx, ModelControllerSettings settings, KubeServices kube,
      LiteLLMPort litellm, CredentialPort credentialCalls, Cache<LiteLLMInstance> instances,
      Cache<Deployment> deployments, InstanceEndpoints endpoints, NamespaceGate gate, MeterRegistry registry) {
    TopicConfig topic = TopicConfig.of(TOPIC, settings.partitions(), settings.concurrency(), settings.backoffBase(),
        settings.backoffCap());
    // Credentials are few (one per provider key and proxy): a few partitions and reconciles in flight are plenty.
    TopicConfig credentialTopic = TopicConfig.of(CredentialController.TOPIC, Math.min(settings.partitions(), 4),
        Math.min(settings.concurrency(), 8), settings.backoffBase(), settings.backoffCap());
    Consumer<ResourceEvent> publish = EventLog.publisher(vertx, topic);
    Consumer<ResourceEvent> publishCredential = EventLog.publisher(vertx, credentialTopic);
    ModelMetrics metrics = new ModelMetrics(registry);

    // 1. informers
    InformerSet<Model> models = kube.informers(Model.class, settings.resyncPeriod(), Map.of(),
        synced -> InformerPublisher.forPrimary("Model", publish, synced))
        .withIndex(InstanceDependents.INDEX, InstanceDependents::indexValues)
        .withIndex(SecretReferences.INDEX, SecretReferences::of)
        .withIndex(CredentialReferences.MODELS_INDEX, CredentialReferences::usedBy);
    InformerSet<Credential> credentials = kube.informers(Credential.class, settings.resyncPeriod(), Map.of(),
        synced -> InformerPublisher.forPrimary(CredentialController.KIND, publishCredential, synced))
        .withIndex(CredentialReferences.CREDENTIALS_INDEX, CredentialReferences::providedBy)
        .withIndex(SecretReferences.INDEX, SecretReferences::of)
        .withIndex(InstanceDependents.INDEX, CredentialReferences::instanceOf);
    Function<String, List<String>> modelsUsing = k -> models.indexKeys(CredentialReferences.MODELS_INDEX, k);
    Function<String, List<String>> providers = k -> credentials.indexKeys(CredentialReferences.CREDENTIALS_INDEX, k);
    InstanceAvailability availability = new InstanceAvailability(instances::get, deployments::get,
        endpoints::servedByDeployment);
    InstanceDependents instanceDependents = new InstanceDependents(availability,
        instance -> models.indexKeys(InstanceDependents.INDEX, instance), publish);

    // 2. reconcilers
    KubernetesPort<Model> port = kube.port(Model.class, models);
    KubernetesPort<Credential> credentialPort = kube.port(Credential.class, credentials);
    ReferenceNamespaces namespaces = new ReferenceNamespaces(settings.allowCrossNamespaceRefs());
    ConnectionResolver connections = new ConnectionResolver(instances::get, port::readSecret, endpoints, namespaces);
    KnownProxies proxies = new KnownProxies();
    ParkedDependents dependents = new ParkedDependents(publish);
    ProxyHealth health = new ProxyHealth(settings.unreachableAfterPasses());
    Consumer<List<String>> wakeCredentials = keys -> keys.forEach(k -> publishCredential.accept(
        new ResourceEvent(CredentialController.KIND, k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1),
            null, null, 0, EventType.UPDATED, System.currentTimeMillis())));
    SecretReferences references = new SecretReferences(models, dependents, credentials, wakeCredentials);
    SecretWatch secrets = kube.secretWatch(references::referenced, references::changed);
    CredentialDependents credentialDependents = new CredentialDependents(modelsUsing, dependents::wake);
    CredentialUsage usage = new CredentialUsage(vertx, CREDENTIAL_USAGE_DELAY, providers, publishCredential);
    ModelReconciler reconciler = new ModelReconciler(port, litellm, connections, metrics, namespaces, proxies,
        settings.installId(), settings.hash(), settings.resyncPeriod(), dependents, availability, health,
        new CredentialGate(providers, credentials::get, namespaces), usage);
    CredentialReconciler credentialReconciler = new CredentialReconciler(credentialPort, credentialCalls, connections,
        namespaces, modelsUsing, providers, credentialDependents, settings.installId(), settings.hash(),
        settings.resyncPeriod(), settings.consistencyGrace());

    // 3. queues, which own one state per key; the drift detector reads the Models' beside it
    Future<EventLog<CredentialState>> credentialLog = EventLog.deploy(vertx, credentialTopic,
        gate.guard(credentialReconciler), new MicrometerEventLogMetrics(registry, CredentialController.TOPIC),
        (key, namespace, name) -> new CredentialState());
    return credentialLog.compose(clog -> EventLog.deploy(vertx, topic, gate.guard(reconciler),
            new MicrometerEventLogMetrics(registry, TOPIC), (key, namespace, name) -> new ModelState())
        .onSuccess(dependents::attach)
        .map(log -> new ModelController(vertx, kube, settings, models, log,
            new DriftDetector(models, log, proxies, litellm, publish, ns -> settings.watches(ns) && gate.isOpen(ns),
                settings.consistencyGrace(), metrics, settings.installId(), health, port),
            metrics, dependents, instanceDependents, health, secrets,
            new CredentialController(credentials, clog, credentialDependents, usage))));
  }

  /**
   * How long the Credentials of a credential name wait after one of its Models changed before they count their Models
   * again: a fleet created at once costs one Credential status write per this, not one per Model.
   */
  static final Duration CREDENTIAL_USAGE_DELAY = Duration.ofSeconds(2);

  /** Starts one informer over all namespaces and the drift timer. */
  public Future<Void> watchAll() {
    return kube.bridge().<Void>call(() -> {
      credentials.credentials().startAllNamespaces(); // before the Models: their gate reads the Credentials
      // The Secret watch before the Models: a Secret created while the Models' first reconciles run (an instance's
      // master key Secret) is then seen as a change and wakes them. Started after them, it arrived in the watch's
      // initial list, which reports nothing, and Models that had found no Secret waited for the resync.
      secrets.startAllNamespaces();
      models.startAllNamespaces();
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  /** Starts watching one namespace (namespace lists and sharding). */
  public Future<Void> watch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      credentials.credentials().start(namespace);
      secrets.start(namespace); // before the Models: see watchAll
      models.start(namespace);
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  /** Stops watching one namespace (sharding hand-off) and forgets its keys' states. */
  public Future<Void> unwatch(String namespace) {
    return kube.bridge().<Void>call(() -> {
      models.stop(namespace);
      credentials.credentials().stop(namespace);
      instanceDependents.forgetNamespace(namespace);
      credentials.forgetNamespace(namespace);
      secrets.stop(namespace);
      return null;
    }).compose(v -> log.forgetNamespace(namespace))
        .compose(v -> credentials.log().forgetNamespace(namespace)).mapEmpty();
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
   * The keys of the Models (and, as "Credential ns/name", the Credentials) that sync through an instance
   * ({@link InstanceDependents#INDEX}), for a deleting instance that keeps its proxy for them (issue #14.2, #17); null
   * while the Models or Credentials of its namespace are not listed yet ("not known" is never "none"). Only objects in
   * namespaces this replica watches are seen. Any thread; non-blocking.
   */
  public java.util.List<String> modelsReferencing(String namespace, String name) {
    InformerSet<Credential> creds = credentials.credentials();
    if (!models.watches(namespace) || !models.hasSynced() || !creds.hasSynced()) {
      return null;
    }
    java.util.List<String> out = new java.util.ArrayList<>(models.indexKeys(InstanceDependents.INDEX,
        namespace + "/" + name));
    // Credentials too (issue #17): their values stay in the proxy's database unless they delete them while it runs
    creds.indexKeys(InstanceDependents.INDEX, namespace + "/" + name).forEach(k -> out.add("Credential " + k));
    return out;
  }


  public Future<Void> stop(Duration maxWait) {
    synchronized (this) {
      if (driftTimer >= 0) {
        vertx.cancelTimer(driftTimer);
      }
    }
    return Future.join(log.stop(maxWait), credentials.log().stop(maxWait)).<Void>mapEmpty().andThen(ar -> {
      secrets.stopAll();
      models.stopAll();
      credentials.credentials().stopAll();
    });
  }

  public InformerSet<Model> models() {
    return models;
  }

  /** The watch on the Secrets Models read (memory gauge, readiness). */
  public SecretWatch secrets() {
    return secrets;
  }

  /** The Credential half: its informers and its topic. */
  public CredentialController credentials() {
    return credentials;
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
