package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.KeyStates;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.LiteLLMParamsMapper;
import ai.litellm.operator.render.ModelDrift;
import ai.litellm.operator.render.ModelOwnership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what changed in LiteLLM behind the operator's back with one list call per proxy per pass:
 * <ul>
 *   <li>a Model whose model is missing or differs (non-secret fields) is flagged and requeued: the next reconcile
 *       re-creates or patches it;</li>
 *   <li>a LiteLLM model carrying our ownership marker whose Model is gone (or moved to another proxy) is deleted once it
 *       was seen orphaned in two consecutive passes.</li>
 * </ul>
 * LiteLLM replicas are eventually consistent (each polls the database), so a Model whose status changed or whose model
 * this operator wrote within {@code consistencyGrace} is left alone, and an orphan must be seen in two passes: the
 * detector never flaps on a replica that has not caught up.
 */
public final class DriftDetector {
  private static final Logger LOG = LoggerFactory.getLogger(DriftDetector.class);

  private final Cache<Model> models;
  private final KeyStates<ModelState> states;
  private final LiteLLMPort calls;
  private final Consumer<ResourceEvent> requeue;
  private final Predicate<String> ownsNamespace;
  private final Duration grace;
  private final ModelMetrics metrics;
  private final String installId;
  private Set<String> orphansLastPass = Set.of();
  private final KnownProxies knownProxies;
  private final ProxyHealth health;
  private final KubernetesPort<Model> kube;

  /**
   * @param states the per-key states of the model topic (where each Model last synced, drift flags, last writes)
   * @param ownsNamespace whether this replica watches and reconciles a namespace now
   * @param proxies every proxy a Model synced through (the reconciler adds to it)
   * @param installId this install's id: only rows whose marker names it are ever swept
   * @param health what each pass found about the proxy's reachability (read by the reconciles)
   * @param kube records the one Event per proxy that stops or starts answering
   */
  DriftDetector(Cache<Model> models, KeyStates<ModelState> states, KnownProxies proxies, LiteLLMPort calls,
      Consumer<ResourceEvent> requeue, Predicate<String> ownsNamespace, Duration grace, ModelMetrics metrics,
      String installId, ProxyHealth health, KubernetesPort<Model> kube) {
    this.health = health;
    this.kube = kube;
    this.knownProxies = proxies;
    this.installId = installId;
    this.models = models;
    this.states = states;
    this.calls = calls;
    this.requeue = requeue;
    this.ownsNamespace = ownsNamespace;
    this.grace = grace;
    this.metrics = metrics;
  }

  /** One pass over every proxy the operator synced through. Completes when every proxy was checked. */
  public Future<Void> runOnce() {
    if (!models.hasSynced()) {
      return Future.succeededFuture();
    }
    Map<LiteLLMEndpoint, List<String>> byEndpoint = keysByProxy();
    Set<String> orphansNow = ConcurrentHashMap.newKeySet();
    List<Future<Void>> passes = new ArrayList<>();
    byEndpoint.forEach((ep, keys) -> passes.add(checkEndpoint(ep, keys, orphansNow)
        .recover(err -> {
          LOG.info("drift check of {} skipped: {}", ep.baseUrl(), err.getMessage());
          return Future.succeededFuture();
        })));
    return Future.join(passes).<Void>mapEmpty().andThen(ar -> orphansLastPass = Set.copyOf(orphansNow));
  }

  /** The keys that synced through each proxy, plus the known proxies no key uses any more (possibly none). */
  private Map<LiteLLMEndpoint, List<String>> keysByProxy() {
    Map<LiteLLMEndpoint, List<String>> out = new HashMap<>();
    states.forEachState((key, st) -> {
      LiteLLMEndpoint ep = st.endpoint();
      if (ep != null) {
        out.computeIfAbsent(ep, x -> new ArrayList<>()).add(key);
      }
    });
    out.keySet().forEach(knownProxies::seen);
    knownProxies.snapshot().forEach(ep -> out.putIfAbsent(ep, new ArrayList<>()));
    return out;
  }

  private Future<Void> checkEndpoint(LiteLLMEndpoint ep, List<String> keys, Set<String> orphansNow) {
    return calls.list(ep).andThen(ar -> reachability(ep, keys, ar.cause())).compose(list -> {
      Map<String, LiteLLMModel> byId = new HashMap<>();
      for (LiteLLMModel m : list) {
        byId.put(m.id(), m);
      }
      int drifted = 0;
      Set<String> expectedIds = new HashSet<>();
      Instant cutoff = Instant.now().minus(grace);
      for (String key : keys) {
        int slash = key.indexOf('/');
        Model model = models.get(key.substring(0, slash), key.substring(slash + 1));
        if (model == null || model.getStatus() == null || model.getStatus().modelId == null) {
          continue;
        }
        ModelStatus st = model.getStatus();
        expectedIds.add(st.modelId);
        ModelState state = states.state(key);
        if (state == null || recentlySynced(st, cutoff) || state.writtenWithin(grace)) {
          continue;
        }
        LiteLLMModel observed = byId.get(st.modelId);
        if (observed == null || !ModelDrift.matches(applied(st), asBody(observed))) {
          drifted++;
          LOG.info("Model {}: {} in LiteLLM {}; repairing", key, observed == null ? "missing" : "different",
              ep.baseUrl());
          state.flagDrift();
          requeue.accept(new ResourceEvent("Model", model.getMetadata().getNamespace(), model.getMetadata().getName(),
              model.getMetadata().getUid(), model.getMetadata().getResourceVersion(), generation(model),
              EventType.REQUEUE, System.currentTimeMillis()));
        }
      }
      if (drifted > 0) {
        metrics.driftDetected(drifted);
      }
      if (keys.isEmpty() && list.stream().noneMatch(this::ownedHere)) {
        retire(ep);
      }
      return deleteOrphans(ep, list, expectedIds, orphansNow);
    }).recover(err -> {
      if (keys.isEmpty() && LiteLLMException.isKind(err, LiteLLMException.Kind.UNAUTHORIZED)) {
        // No Model uses this proxy with this key any more (the key was rotated): nothing left to sweep with it.
        retire(ep);
      }
      return Future.failedFuture(err);
    });
  }

  private void retire(LiteLLMEndpoint ep) {
    knownProxies.retire(ep);
    health.forget(ep);
  }

  /**
   * What this pass's list call says about the proxy (issue #14.5). An unreachable answer counts a failed pass; any
   * answer, an error included, is reachable; a call the limiter did not make (a Retry-After pause) counts nothing.
   * On a transition, and only then, one log line at WARN (stopped answering) or INFO (answers again), one Event for
   * the proxy, and its Models are requeued: each writes its status once, Ready=False {@code LiteLLMUnavailable} with
   * ProxyReachable=False, or back to Ready=True without a LiteLLM write if nothing else changed.
   */
  private void reachability(LiteLLMEndpoint ep, List<String> keys, Throwable err) {
    if (keys.isEmpty()) {
      health.forget(ep); // listed only for the orphan sweep: no Model's Ready depends on it
      return;
    }
    ProxyHealth.Transition t;
    if (LiteLLMException.isKind(err, LiteLLMException.Kind.UNAVAILABLE)) {
      t = health.passFailed(ep, String.valueOf(err.getMessage()));
    } else if (err == null || err instanceof LiteLLMException) {
      t = health.answered(ep);
    } else {
      return; // not called (paused, fenced): says nothing about the proxy
    }
    if (t == ProxyHealth.Transition.NONE) {
      return;
    }
    List<String> sorted = keys.stream().sorted().toList();
    String name = sorted.stream().map(states::state).filter(java.util.Objects::nonNull).map(ModelState::proxyName)
        .filter(java.util.Objects::nonNull).findFirst().orElse("a LiteLLM proxy");
    String message;
    if (t == ProxyHealth.Transition.BECAME_UNREACHABLE) {
      message = "the LiteLLM proxy of " + name + " is unreachable: " + health.failedPasses(ep)
          + " drift passes in a row failed (last: " + health.lastError(ep) + "); its " + keys.size()
          + " Model(s) are Ready=False (LiteLLMUnavailable) until it answers";
      LOG.warn("{} [{}]", message, ep.baseUrl());
    } else {
      message = "the LiteLLM proxy of " + name + " answers again; its " + keys.size() + " Model(s) are looked at again";
      LOG.info("{} [{}]", message, ep.baseUrl());
    }
    recordProxyEvent(sorted, t, message);
    for (String key : keys) {
      int slash = key.indexOf('/');
      Model model = models.get(key.substring(0, slash), key.substring(slash + 1));
      if (model != null) {
        requeue.accept(new ResourceEvent("Model", model.getMetadata().getNamespace(), model.getMetadata().getName(),
            model.getMetadata().getUid(), model.getMetadata().getResourceVersion(), generation(model),
            EventType.REQUEUE, System.currentTimeMillis()));
      }
    }
  }

  /**
   * One Event per proxy and transition, on the proxy's first Model by key: a proxy has no object of its own (a
   * connection Secret may serve many), and an Event on each of its Models would be thousands of writes.
   */
  private void recordProxyEvent(List<String> sortedKeys, ProxyHealth.Transition t, String message) {
    for (String key : sortedKeys) {
      int slash = key.indexOf('/');
      Model model = models.get(key.substring(0, slash), key.substring(slash + 1));
      ModelState state = states.state(key);
      if (model != null && state != null) {
        boolean down = t == ProxyHealth.Transition.BECAME_UNREACHABLE;
        kube.event(model, state.events(), down ? EventSeverity.WARNING : EventSeverity.NORMAL,
            down ? ModelStatuses.LITELLM_UNAVAILABLE : "LiteLLMReachable", message)
            .onFailure(e -> LOG.debug("Event for {} not recorded: {}", key, e.getMessage()));
        return;
      }
    }
  }

  /** Carries this install's marker for a namespace this replica reconciles. */
  private boolean ownedHere(LiteLLMModel m) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(m.modelInfo());
    return marker != null && marker.writtenBy(installId) && ownsNamespace.test(marker.namespace());
  }

  /**
   * Deletes the rows of this install whose Model is gone (or now syncs through another proxy), once seen so in two
   * consecutive passes. A row of another install, a row without this install's id (written by hand, by another tool,
   * or before installs were recorded) and a row of a namespace this replica does not watch are never touched: the
   * operator deletes only what it can prove is its own.
   */
  private Future<Void> deleteOrphans(LiteLLMEndpoint ep, List<LiteLLMModel> list, Set<String> expectedIds,
      Set<String> orphansNow) {
    List<Future<Void>> deletions = new ArrayList<>();
    for (LiteLLMModel m : list) {
      ModelOwnership.Marker marker = ModelOwnership.markerOf(m.modelInfo());
      if (marker == null || expectedIds.contains(m.id()) || !ownedHere(m)
          || stillOwned(marker.owner(), marker.uid(), ep)) {
        continue;
      }
      String mark = ep.baseUrl() + "|" + m.id();
      orphansNow.add(mark);
      if (orphansLastPass.contains(mark)) {
        LOG.info("LiteLLM model {} in {} belongs to Model {} (uid {}) which is gone; deleting", m.id(), ep.baseUrl(),
            marker.owner(), marker.uid());
        deletions.add(calls.delete(ep, m.id()).onSuccess(v -> metrics.orphanDeleted()));
      }
    }
    return Future.join(deletions).mapEmpty();
  }

  /** The Model named by the marker still exists with that uid and still syncs through this proxy. */
  private boolean stillOwned(String owner, String ownerUid, LiteLLMEndpoint ep) {
    int slash = owner.indexOf('/');
    Model m = models.get(owner.substring(0, slash), owner.substring(slash + 1));
    if (m == null || !ownerUid.equals(m.getMetadata().getUid())) {
      return false;
    }
    ModelState state = states.state(owner);
    LiteLLMEndpoint current = state == null ? null : state.endpoint();
    return current == null || current.baseUrl().equals(ep.baseUrl());
  }

  private static boolean recentlySynced(ModelStatus st, Instant cutoff) {
    try {
      return st.lastUpdated != null && Instant.parse(st.lastUpdated).isAfter(cutoff);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What status says was applied, without credentials (LiteLLM strips those from reads too). */
  private static JsonObject applied(ModelStatus st) {
    JsonObject params = st.litellmParams == null ? new JsonObject()
        : LiteLLMParamsMapper.toLiteLLM("status.litellmParams", st.litellmParams);
    return new JsonObject().put("model_name", st.modelName).put("litellm_params", params)
        .put("model_info", new JsonObject().put("id", st.modelId));
  }

  private static JsonObject asBody(LiteLLMModel m) {
    return new JsonObject().put("model_name", m.modelName()).put("litellm_params", m.litellmParams())
        .put("model_info", m.modelInfo());
  }

  private static long generation(Model m) {
    return m.getMetadata().getGeneration() == null ? 0 : m.getMetadata().getGeneration();
  }
}
