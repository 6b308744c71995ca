package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorContext;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.eventlog.MicrometerEventLogMetrics;
import ai.litellm.operator.eventlog.TopicConfig;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.InformerPublisher;
import ai.litellm.operator.kube.InformerSet;
import ai.litellm.operator.metrics.LiteLLMMetrics;
import ai.litellm.operator.metrics.ModelMetrics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires the Model controller: Model informers publish onto the "model" topic of the event log, whose partitions run
 * {@link ModelReconciler} one key at a time; the {@link DriftDetector} lists each proxy periodically.
 */
public final class ModelController {
  public static final String TOPIC = "model";

  private final OperatorContext ctx;
  private final InformerSet<Model> models;
  private final EventLog<Void> log;
  private final DriftDetector drift;
  private final ModelMetrics metrics;
  private final LiteLLMMetrics litellmMetrics;
  private final AtomicBoolean driftRunning = new AtomicBoolean();
  private long driftTimer = -1;

  private ModelController(OperatorContext ctx, InformerSet<Model> models, EventLog<Void> log, DriftDetector drift,
      ModelMetrics metrics, LiteLLMMetrics litellmMetrics) {
    this.ctx = ctx;
    this.models = models;
    this.log = log;
    this.drift = drift;
    this.metrics = metrics;
    this.litellmMetrics = litellmMetrics;
  }

  /** Deploys the topic and creates the informers (not yet started: see {@link #watchAll()} and {@link #watch}). */
  public static Future<ModelController> create(OperatorContext ctx, Cache<LiteLLMInstance> instances,
      InstanceEndpoints endpoints) {
    var cfg = ctx.config();
    ModelMetrics metrics = new ModelMetrics(ctx.registry());
    LiteLLMMetrics litellmMetrics = new LiteLLMMetrics(ctx.registry());
    LiteLLMCalls calls = new LiteLLMCalls(ctx.litellm(), ctx.limiters(), litellmMetrics);
    DriftMarks marks = new DriftMarks();
    ReferenceNamespaces namespaces = new ReferenceNamespaces(cfg.allowCrossNamespaceRefs);
    ConnectionResolver connections = new ConnectionResolver(instances::get, ctx.secrets(), endpoints, namespaces);
    AtomicReference<InformerSet<Model>> modelsRef = new AtomicReference<>();
    Cache<Model> cache = Cache.deferred(modelsRef::get);
    ModelReconciler reconciler = new ModelReconciler(cache, connections, ctx.secrets(), calls, ctx.finalizers(),
        ctx.status(), ctx.events(), marks, metrics, namespaces);
    TopicConfig topic = TopicConfig.of(TOPIC, cfg.partitions, cfg.modelConcurrency,
        cfg.backoffBase, cfg.backoffCap);
    return EventLog.deploy(ctx.vertx(), topic, ctx.gate().guard(reconciler), new MicrometerEventLogMetrics(ctx.registry(), TOPIC))
        .map(log -> {
          InformerSet<Model> set = new InformerSet<>(ctx.client(), Model.class, cfg.resyncPeriod,
              InformerPublisher.forPrimary("Model", e -> {
                startSpecClock(e, cache, metrics);
                log.publish(e);
              }, () -> modelsRef.get().hasSynced())).withoutManagedFields();
          modelsRef.set(set);
          DriftDetector drift = new DriftDetector(cache, marks, calls, log::publish, ctx.ownsNamespace(),
              cfg.consistencyGrace, metrics);
          return new ModelController(ctx, set, log, drift, metrics, litellmMetrics);
        });
  }

  /**
   * Starts the spec-to-Ready clock of a Model whose new generation is not Ready yet (a label-only change of a Ready
   * Model starts nothing); a deletion stops it. Runs on the informer thread: a map update, nothing more.
   */
  private static void startSpecClock(ResourceEvent e, Cache<Model> cache, ModelMetrics metrics) {
    if (e.type() == EventType.DELETED) {
      metrics.specToReady().forget(e.key());
    } else if ((e.type() == EventType.ADDED || e.type() == EventType.UPDATED) && e.generation() > 0) {
      Model m = cache.get(e.namespace(), e.name());
      if (m != null && m.getMetadata().getDeletionTimestamp() == null && !ModelStatuses.readyAt(m, e.generation())) {
        metrics.specToReady().changeSeen(e.key(), e.generation());
      }
    }
  }

  /** Starts one informer over all namespaces and the drift timer. */
  public Future<Void> watchAll() {
    return ctx.bridge().<Void>call(() -> {
      models.startAllNamespaces();
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  /** Starts watching one namespace (namespace lists and sharding). */
  public Future<Void> watch(String namespace) {
    return ctx.bridge().<Void>call(() -> {
      models.start(namespace);
      return null;
    }).andThen(ar -> startDriftTimer());
  }

  public Future<Void> unwatch(String namespace) {
    return ctx.bridge().<Void>call(() -> {
      models.stop(namespace);
      return null;
    });
  }

  private synchronized void startDriftTimer() {
    if (driftTimer >= 0) {
      return;
    }
    driftTimer = ctx.vertx().setPeriodic(ctx.config().driftInterval.toMillis(), id -> runDriftPass());
  }

  /** One drift pass now (the timer calls it; tests and the benchmark call it directly). */
  public Future<Void> runDriftPass() {
    if (!driftRunning.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return drift.runOnce().andThen(ar -> driftRunning.set(false));
  }

  public Future<Void> stop(Duration maxWait) {
    if (driftTimer >= 0) {
      ctx.vertx().cancelTimer(driftTimer);
    }
    return log.stop(maxWait).andThen(ar -> models.stopAll());
  }

  public InformerSet<Model> models() {
    return models;
  }

  public EventLog<Void> log() {
    return log;
  }

  public ModelMetrics metrics() {
    return metrics;
  }

  public LiteLLMMetrics litellmMetrics() {
    return litellmMetrics;
  }
}
