package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.eventlog.ReconcileLog;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The order of an instance's deletion (issue #14.2): its proxy keeps running (its children go by garbage collection
 * only once the instance object is gone, i.e. once this finalizer is released) until no Model references it any more,
 * so each deleting Model can delete its LiteLLM row first; a {@code kubectl delete namespace} deletes both at once and
 * finishes in that order. The wait is bounded by {@code --instance-deletion-grace}, counted from the instance's
 * deletionTimestamp (so it survives restarts): then the finalizer is released with a Warning Event
 * ({@code ModelsLeft}) naming the Models left, whose LiteLLM rows stay in the proxy's database. Either way the keys
 * Secret's finalizer ({@link KeysSecret}) is released just before the instance's: until then the deleting Models can
 * read the master key even when a namespace deletion has deleted the Secret.
 */
final class InstanceDeletion {
  /** Every line carries the run's reconcile id (see {@link ReconcileLog}). */
  private static final ReconcileLog LOG = new ReconcileLog(LoggerFactory.getLogger(InstanceDeletion.class),
      InstanceController.TOPIC);
  /** How often a waiting instance looks at its Models again. */
  static final Duration POLL = Duration.ofSeconds(2);
  /** At most this many Model keys are named in a message. */
  private static final int NAMED = 10;

  private final KubernetesPort<LiteLLMInstance> kube;
  private final DependentModels models;
  private final KeysSecret keys;
  private final Duration grace;

  InstanceDeletion(KubernetesPort<LiteLLMInstance> kube, DependentModels models, KeysSecret keys, Duration grace) {
    this.kube = kube;
    this.models = models;
    this.keys = keys;
    this.grace = grace;
  }

  Future<ReconcileResult> finalize(ReconcileRequest<InstanceState> req, LiteLLMInstance inst) {
    if (!Finalizers.has(inst)) {
      return Future.succeededFuture(ReconcileResult.done());
    }
    InstanceState state = req.state();
    String ns = inst.getMetadata().getNamespace();
    String name = inst.getMetadata().getName();
    List<String> left = models.of(ns, name);
    if (left == null) {
      return Future.succeededFuture(ReconcileResult.requeueAfter(POLL)); // the Models are not listed yet
    }
    if (left.isEmpty()) {
      LOG.info(req, "LiteLLMInstance {}/{}: no Model references it any more; releasing its finalizer", ns, name);
      return release(inst);
    }
    Duration waited = waited(inst);
    if (waited.compareTo(grace) >= 0) {
      String message = "released after waiting " + grace + " (--instance-deletion-grace) for " + left.size()
          + " Model(s) that still reference it: " + named(left) + "; their LiteLLM models were not deleted and stay "
          + "in the proxy's database (delete the Models before the instance to remove them)";
      LOG.warn(req, "LiteLLMInstance {}/{}: {}", ns, name, message);
      // Once per deletion: a release that fails (or whose write the cache has not seen yet) runs this again, and the
      // key's Event memo drops the same Event within its repeat interval.
      return kube.event(inst, state.events(), EventSeverity.WARNING, "ModelsLeft", message)
          .recover(e -> Future.succeededFuture())
          .compose(v -> release(inst));
    }
    Future<Void> said = Future.succeededFuture();
    if (!state.deletionAnnounced) {
      state.deletionAnnounced = true;
      said = kube.event(inst, state.events(), EventSeverity.NORMAL, "WaitingForModels", "the proxy keeps running until "
          + left.size() + " Model(s) that reference it have deleted their LiteLLM models (at most " + grace
          + ", --instance-deletion-grace): " + named(left)).recover(e -> Future.succeededFuture());
    }
    Duration remaining = grace.minus(waited);
    return said.map(v -> ReconcileResult.requeueAfter(remaining.compareTo(POLL) < 0 ? remaining : POLL));
  }

  /** The keys Secret first: once the instance is gone, nothing would release it. */
  private Future<ReconcileResult> release(LiteLLMInstance inst) {
    return keys.release(inst.getMetadata().getNamespace(), inst.getMetadata().getName())
        .compose(v -> kube.removeFinalizer(inst)).map(ReconcileResult.done());
  }

  private static Duration waited(LiteLLMInstance inst) {
    try {
      Instant since = OffsetDateTime.parse(inst.getMetadata().getDeletionTimestamp()).toInstant();
      Duration d = Duration.between(since, Instant.now());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  private static String named(List<String> keys) {
    List<String> sorted = keys.stream().sorted().toList();
    String shown = String.join(", ", sorted.subList(0, Math.min(NAMED, sorted.size())));
    return sorted.size() > NAMED ? shown + " and " + (sorted.size() - NAMED) + " more" : shown;
  }
}
