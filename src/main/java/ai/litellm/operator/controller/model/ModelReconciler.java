package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileLog;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.eventlog.ratelimit.DownstreamDeferral;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.render.KeyedHash;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.ModelChangePlanner;
import ai.litellm.operator.render.ModelPayload;
import ai.litellm.operator.render.ModelPayloadRenderer;
import ai.litellm.operator.render.ModelSecretKeys;
import ai.litellm.operator.render.RenderException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one Model key. Reads as a chain of named steps:
 * <pre>
 *   live Model:     ensureFinalizer → resolveConnection → checkInstance → checkCredential → renderPayload
 *                   → syncToLiteLLM → writeStatus
 *   being deleted:  deleteFromLiteLLM → releaseFinalizer
 * </pre>
 * The steady state costs nothing: when the status records the desired payload hash as applied and the drift detector
 * has not flagged the key, no LiteLLM call and no Kubernetes write is made.
 */
public final class ModelReconciler implements KeyHandler<ModelState> {
  /** Every line carries the run's reconcile id (see {@link ReconcileLog}). */
  private static final ReconcileLog LOG = new ReconcileLog(LoggerFactory.getLogger(ModelReconciler.class),
      ModelController.TOPIC);

  private final KubernetesPort<Model> kube;
  private final LiteLLMPort litellm;
  private final ConnectionResolver connections;
  private final ModelMetrics metrics;
  private final ReferenceNamespaces namespaces;
  private final KnownProxies proxies;
  private final String installId;
  private final RowOwnership ownership;
  private final KeyedHash hash;
  private final Duration recheck;
  private final ParkedDependents dependents;
  private final InstanceAvailability instances;
  private final ProxyHealth proxyHealth;
  private final PreviousProxy previous;
  private final CredentialGate credentials;
  private final CredentialUsage credentialUsage;

  /**
   * @param proxies every proxy a Model synced through, for the drift detector
   * @param installId this install's id, written into every model's ownership marker
   * @param hash keys the payload hash published in status (no offline guessing of a credential from it)
   * @param recheck how long a parked key waits before it is looked at again anyway (--resync-period): a problem that
   *     heals without a spec change must not strand the key when the event that says so is missed (issue #13.3)
   * @param dependents wakes the keys parked on an object when it changes; told when a Model's deletion completes
   * @param instances whether a referenced instance can serve (a Model's Ready reflects its instance)
   * @param proxyHealth which proxies the drift passes found unreachable
   * @param credentials whether the credential a Model names is Ready for it (issue #17.3)
   * @param credentialUsage tells the Credentials a Model uses that their users may have changed
   */
  ModelReconciler(KubernetesPort<Model> kube, LiteLLMPort litellm, ConnectionResolver connections, ModelMetrics metrics,
      ReferenceNamespaces namespaces, KnownProxies proxies, String installId, KeyedHash hash, Duration recheck,
      ParkedDependents dependents, InstanceAvailability instances, ProxyHealth proxyHealth, CredentialGate credentials,
      CredentialUsage credentialUsage) {
    this.credentials = credentials;
    this.credentialUsage = credentialUsage;
    this.instances = instances;
    this.proxyHealth = proxyHealth;
    this.hash = hash;
    this.recheck = recheck;
    this.dependents = dependents;
    this.proxies = proxies;
    this.kube = kube;
    this.litellm = litellm;
    this.connections = connections;
    this.installId = installId;
    this.ownership = new RowOwnership(installId);
    this.previous = new PreviousProxy(connections, ownership, hash);
    this.metrics = metrics;
    this.namespaces = namespaces;
  }

  /** Everything one pass learned, handed from step to step. */
  private record Pass(ReconcileRequest<ModelState> req, Model model, Connection connection, ModelPayload payload,
      SyncOutcome outcome) {
    ModelState state() {
      return req.state();
    }

    Pass with(Connection c) {
      return new Pass(req, model, c, payload, outcome);
    }

    Pass with(ModelPayload p) {
      return new Pass(req, model, connection, p, outcome);
    }

    Pass with(SyncOutcome o) {
      return new Pass(req, model, connection, payload, o);
    }
  }

  @Override
  public Future<ReconcileResult> reconcile(ReconcileRequest<ModelState> req) {
    Model model = kube.get(req.namespace(), req.name());
    if (model == null) {
      return Future.succeededFuture(ReconcileResult.done()); // gone: the log forgets the key's state after this run
    }
    dependents.waitOn(req.state(), null); // set again below if this run parks on something that can heal by itself
    List<String> credentialsUsed = CredentialReferences.usedBy(model);
    if (!credentialsUsed.isEmpty() && credentialUsage != null) {
      credentialUsage.changed(credentialsUsed); // its Credentials count their Models again (debounced)
    }
    if (model.getMetadata().getDeletionTimestamp() != null) {
      return finalizeDeletion(req, model);
    }
    return ensureFinalizer(req, model)
        .compose(this::resolveConnection)
        .compose(this::checkInstance)
        .compose(this::checkCredential)
        .compose(this::renderPayload)
        .compose(this::syncToLiteLLM)
        .compose(this::writeStatus)
        .recover(err -> onFailure(req, model, err));
  }

  private Future<Pass> ensureFinalizer(ReconcileRequest<ModelState> req, Model model) {
    return kube.addFinalizer(model).map(withFinalizer -> new Pass(req, withFinalizer, null, null, null));
  }

  private Future<Pass> resolveConnection(Pass pass) {
    return connections.resolve(pass.model()).map(pass::with);
  }

  /**
   * A Model's Ready reflects its instance (issue #14.1): while the instance is being deleted, scaled to 0 or has no
   * available replica, nothing is called; the Model says {@code InstanceNotReady} and looks again when the instance
   * changes ({@link InstanceDependents}). Its LiteLLM model is left as it is (a deleting Model deletes it).
   */
  private Future<Pass> checkInstance(Pass pass) {
    String why = instances.whyNotServing(pass.model());
    return why == null ? Future.succeededFuture(pass)
        : Future.failedFuture(new NotServing(ModelStatuses.INSTANCE_NOT_READY, why));
  }

  /**
   * A Model that names a credential waits for it (issue #17.3): LiteLLM would take the model and then, at each request,
   * silently send nothing for a credential it does not hold. Like an instance that cannot serve, this is not the
   * Model's failure: Ready says {@code CredentialNotReady} and why; the Credential's transition wakes the Model.
   */
  private Future<Pass> checkCredential(Pass pass) {
    String why = credentials == null ? null : credentials.whyNotReady(pass.model());
    return why == null ? Future.succeededFuture(pass)
        : Future.failedFuture(new NotServing(CredentialGate.CREDENTIAL_NOT_READY, why));
  }

  private Future<Pass> renderPayload(Pass pass) {
    return modelSecretData(pass.model()).map(data ->
        pass.with(ModelPayloadRenderer.render(pass.model(), data, pass.connection().identity(), installId)));
  }

  private Future<Pass> syncToLiteLLM(Pass pass) {
    Model m = pass.model();
    String key = key(m);
    ModelPayload desired = pass.payload();
    ModelStatus st = m.getStatus();
    String appliedId = st == null ? null : st.modelId;
    boolean applied = ModelStatuses.applied(m, desired, hash);
    ModelState state = pass.state();
    boolean flagged = state.takeDriftFlag();
    state.syncedThrough(pass.connection().endpoint(), pass.connection().description());
    proxies.seen(pass.connection().endpoint());
    if (applied && !flagged) {
      if (st.appliedCredentialParams == null) {
        // Status predates the field: the hash is current, so the row holds exactly the desired credential names.
        state.mayHoldCredentialParams(ModelChangePlanner.credentialParamNames(desired.body()));
      }
      if (!state.appliedShapeKnown() && ModelStatuses.syncedNow(m)) {
        // Status says this payload is in LiteLLM: a later rotation needs no read first. Once per key and process, so
        // steady-state resyncs do not pay for the digest.
        state.seedAppliedShape(visibleShape(pass));
      }
      if (proxyHealth.unreachable(pass.connection().endpoint())) {
        // Nothing to write: the proxy's state is the drift passes' finding, and its return wakes the key.
        return Future.failedFuture(new NotServing(ModelStatuses.LITELLM_UNAVAILABLE, "the LiteLLM proxy of "
            + pass.connection().description() + " did not answer the last drift passes; checked again at every pass"));
      }
      return Future.succeededFuture(pass.with(SyncOutcome.UNCHANGED));
    }
    long shape = visibleShape(pass);
    boolean onlyHiddenChanged = !flagged && state.appliedShapeIs(shape);
    List<String> appliedCredentialParams = state.credentialParamsInRow(st == null ? null : st.appliedCredentialParams);
    return leavePreviousProxy(pass).compose(v -> new ModelSync(calls(pass.req()), ownership, RowOwnership.optedIn(m),
            appliedCredentialParams)
        .sync(pass.connection(), desired, appliedId, m.getMetadata().getUid(), applied, onlyHiddenChanged))
        .recover(err -> Future.failedFuture(noModelStore(pass.connection(), err))).onFailure(err -> {
      if (!(err instanceof DownstreamDeferral)) {
        // A call failed (or its answer was lost): the row may hold anything now, read it before the next write. A
        // deferral of the first call sent nothing; one later in a chain (a create after a delete or a not-found)
        // follows a call that changed the row, but then the shape differs or the row is gone, and both read or create.
        state.forgetAppliedShape();
        // The write may have landed: its keys may be in the row although status will not record them.
        state.mayHoldCredentialParams(ModelChangePlanner.credentialParamNames(desired.body()));
      }
      if (flagged) {
        state.flagDrift(); // not repaired yet: the retry must not skip the sync as "unchanged"
      }
    }).compose(outcome -> {
      state.appliedShape(shape);
      proxyHealth.callAnswered(pass.connection().endpoint());
      metrics.synced(outcome);
      if (outcome != SyncOutcome.UNCHANGED) {
        state.wroteToLiteLLM();
        LOG.info(pass.req(), "Model {}: {} in LiteLLM as {} via {}", key, outcome.name().toLowerCase(),
            desired.modelId(), pass.connection().description());
      }
      return recordSignificantSync(state, m, flagged, outcome, desired.modelId()).map(v -> pass.with(outcome));
    });
  }

  private static long visibleShape(Pass pass) {
    return ModelChangePlanner.visibleShape(pass.payload().body(), pass.connection().endpoint().baseUrl());
  }

  /**
   * A Model moved to another proxy deletes its row on the one status says it was applied to, before it creates the new
   * (issue #14.4; {@link PreviousProxy}): both never serve it at once, and a restart in between changes nothing. An old
   * proxy that can never be reached again is named in a Warning Event ({@code PreviousCopyLeft}) and the move goes on.
   */
  private Future<Void> leavePreviousProxy(Pass pass) {
    Model m = pass.model();
    if (!PreviousProxy.moved(m, pass.connection())) {
      return Future.succeededFuture();
    }
    return previous.removeCopy(calls(pass.req()), m).compose(left -> {
      if (left == null) {
        LOG.info(pass.req(), "Model {}: moved to {}; its LiteLLM model on {} is deleted", key(m),
            pass.connection().description(), m.getStatus().appliedEndpoint.via);
        return Future.succeededFuture();
      }
      LOG.warn(pass.req(), "Model {}: moved to {}; {}", key(m), pass.connection().description(), left);
      return event(pass.state(), m, EventSeverity.WARNING, "PreviousCopyLeft", "moved to "
          + pass.connection().description() + "; " + left + "; a copy of its LiteLLM model may remain there");
    });
  }

  /**
   * A proxy that stores no models from its API (no database, or STORE_MODEL_IN_DB off) fails every create the same way
   * until it is configured (issue #14.9: such Models used to retry the 500 for ever): a permanent problem that names
   * the fix, woken when the instance behind the connection changes (e.g. gets a {@code databaseSecretRef}).
   */
  private static Throwable noModelStore(Connection conn, Throwable err) {
    if (!LiteLLMException.isKind(err, LiteLLMException.Kind.NO_MODEL_STORE)) {
      return err;
    }
    String instance = ParkedDependents.instanceBehind(conn);
    String fix = instance != null
        ? "give " + instance + " a spec.databaseSecretRef (a Postgres for LiteLLM to store models in)"
        : "configure the proxy with a database (DATABASE_URL) and STORE_MODEL_IN_DB=True";
    return ModelProblem.permanent(NO_DATABASE, "the LiteLLM proxy (" + conn.description()
        + ") has no model store, so it cannot hold models added through its API: " + fix + "; LiteLLM said: "
        + err.getMessage()).waitingOn(instance);
  }

  /**
   * Normal Events only for what someone should notice: a repair of drift (LiteLLM was changed behind our back) and an
   * adoption (a create whose response was lost). Plain creates and updates are in the status: at 100k Models an Event
   * per create would double the Kubernetes writes.
   */
  private Future<Void> recordSignificantSync(ModelState state, Model m, boolean flagged, SyncOutcome outcome,
      String modelId) {
    if (flagged && outcome != SyncOutcome.UNCHANGED) {
      metrics.driftRepaired();
      return event(state, m, EventSeverity.NORMAL, "DriftRepaired", "LiteLLM model " + modelId
          + " was missing or changed outside the operator; " + outcome.name().toLowerCase() + " it from the spec");
    }
    if (outcome == SyncOutcome.ADOPTED) {
      return event(state, m, EventSeverity.NORMAL, "Adopted", "LiteLLM model " + modelId
          + " already existed with this Model's marker (an earlier create's response was lost) or without any marker"
          + " and the Model opted in (" + ModelOwnership.ADOPT_ANNOTATION + "); adopted it");
    }
    return Future.succeededFuture();
  }

  /** An Event on the Model, counted on the same one if the key's memo wrote it (at most once per 10 minutes). */
  private Future<Void> event(ModelState state, Model m, EventSeverity severity, String reason, String message) {
    return kube.event(m, state.events(), severity, reason, message);
  }

  private Future<ReconcileResult> writeStatus(Pass pass) {
    Model m = pass.model();
    ModelPayload p = pass.payload();
    List<String> credentialParams = pass.outcome() == SyncOutcome.UNCHANGED ? null
        : ModelChangePlanner.credentialParamNames(p.body());
    ModelStatus next = ModelStatuses.synced(m, p.modelId(), p.modelName(), p.statusParams(), hash.of(p.payloadHash()),
        pass.connection().description(), previous.of(m, pass.connection()), credentialParams);
    boolean wasReady = ModelStatuses.readyAt(m, next.observedGeneration);
    return writeIfChanged(m, next).map(v -> {
      if (credentialParams != null) {
        pass.state().credentialParamsRecorded();
      }
      ReconcileRequest<ModelState> req = pass.req();
      if (!wasReady && req.latestGeneration() == next.observedGeneration && req.generationSeenAtMillis() > 0) {
        metrics.specToReady().record(req.generationSeenAtMillis());
      }
      return ReconcileResult.done();
    });
  }

  private Future<Model> writeIfChanged(Model m, ModelStatus next) {
    if (!ModelStatuses.changed(m.getStatus(), next)) {
      return Future.succeededFuture(m);
    }
    return kube.writeStatus(m, ModelStatuses.stamp(next));
  }

  // --- deletion ---

  private Future<ReconcileResult> finalizeDeletion(ReconcileRequest<ModelState> req, Model model) {
    ModelState state = req.state();
    if (!Finalizers.has(model)) {
      return Future.succeededFuture(ReconcileResult.done());
    }
    return deleteFromLiteLLM(model, req)
        .andThen(ar -> idReleased(req, model, ar.succeeded()))
        .compose(v -> kube.removeFinalizer(model))
        .map(v -> ReconcileResult.done())
        .recover(err -> {
          if (err instanceof ModelProblem p && (p.isConnectionGone() || p.isPermanent())) {
            // Nothing can ever delete the LiteLLM model through this connection (the instance or the connection
            // Secret is gone, e.g. its namespace is being deleted; or the connectionRef is invalid): do not hang.
            LOG.warn(req, "Model {}: connection unusable for good ({}); releasing the finalizer", key(model),
                p.getMessage());
            // The Event first: once the finalizer goes the Model may be gone, and whoever looks for why finds it.
            return event(state, model, EventSeverity.WARNING, "FinalizerReleased",
                "Released the finalizer without deleting the LiteLLM model: " + p.getMessage())
                .recover(e -> Future.succeededFuture())
                .compose(v -> kube.removeFinalizer(model)).map(v -> ReconcileResult.done());
          }
          return deletionBlocked(req, model, err);
        });
  }

  /**
   * The deleting Model's LiteLLM model is gone (deleted now, or absent): a Model parked on ModelIdConflict because of
   * it can take the id now, so it is looked at again at once (issue #13.3), not only after the finalizer is released
   * (a failure there must not cost the parked Model its wake-up).
   */
  private void idReleased(ReconcileRequest<ModelState> req, Model model, boolean gone) {
    String uid = model.getMetadata().getUid();
    if (!gone || uid == null || dependents == null) {
      return;
    }
    int woken = dependents.changed(ParkedDependents.model(uid));
    if (woken > 0) {
      LOG.info(req, "Model {}: its LiteLLM model is deleted; {} Model(s) parked on its id look again", key(model),
          woken);
    }
  }

  /**
   * The LiteLLM model could not be deleted yet: the finalizer holds and the deletion is retried with the capped
   * backoff, whatever the failure; a deletion never waits for a spec change (issue #13.2: one transient 400 on
   * /model/delete used to park a deleting Model for good while its status still said Ready). Ready says
   * {@code DeletionBlocked}, Synced and a Warning Event say why; the status is written only when that changes.
   */
  private Future<ReconcileResult> deletionBlocked(ReconcileRequest<ModelState> req, Model model, Throwable err) {
    if (err instanceof DownstreamDeferral d) {
      return deferred(req, model, d);
    }
    ModelState state = req.state();
    ModelFailure f = ModelFailure.of(err);
    metrics.failed(f.reason());
    LOG.warn(req, "Model {}: deletion blocked: {} - {} (will retry)", key(model), f.reason(), f.message());
    Model latest = Optional.ofNullable(kube.get(model.getMetadata().getNamespace(), model.getMetadata().getName()))
        .orElse(model);
    // Kubernetes errors and rate limits are transient and frequent: no Event (as for a live Model)
    Future<Void> recorded = !f.eventWorthy() ? Future.succeededFuture() : event(state, latest, EventSeverity.WARNING,
        ModelStatuses.DELETION_BLOCKED, "the LiteLLM model cannot be deleted yet (" + f.reason() + "): " + f.message()
            + "; retrying");
    Future<Void> written = writeIfChanged(latest, ModelStatuses.deletionBlocked(latest, f.reason(), f.message()))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
    return Future.join(recorded, written).map(x -> ReconcileResult.retry(err, f.retryAfter()));
  }

  /**
   * Deletes the Model's LiteLLM model, but only a row that carries this install's marker for this Model: status is
   * not proof (anyone who can patch models/status can point it anywhere, and a stale status may name a re-used id).
   * A row that is not the Model's own fails with a permanent problem, and the finalizer is released with an Event.
   * An absent row is done (a create the answering replica does not show yet is swept later as an orphan).
   */
  private Future<Void> deleteFromLiteLLM(Model model, ReconcileRequest<ModelState> req) {
    ModelStatus st = model.getStatus();
    String id = st != null && st.modelId != null ? st.modelId : derivedModelId(model);
    if (id == null) {
      return Future.succeededFuture(); // the spec never rendered: nothing was ever created
    }
    return connections.resolve(model).compose(conn -> calls(req).get(conn.endpoint(), id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      if (!ownership.owns(found.get(), model.getMetadata().getUid())) {
        return Future.failedFuture(ModelProblem.permanent(ownership.notOurs(found.get(), id).reason(),
            "LiteLLM model " + id + " is not this Model's own (" + ownership.notOurs(found.get(), id).getMessage()
                + "); it was left in place"));
      }
      return calls(req).delete(conn.endpoint(), id);
    })).onSuccess(v -> LOG.info(req, "Model {}: deleted from LiteLLM", key(model)));
  }

  // --- failures ---

  private Future<ReconcileResult> onFailure(ReconcileRequest<ModelState> req, Model model, Throwable err) {
    if (err instanceof DownstreamDeferral d) {
      return deferred(req, model, d);
    }
    if (err instanceof NotServing n) {
      return notServing(req, model, n);
    }
    ModelState state = req.state();
    if (err instanceof ModelProblem p && LiteLLMCalls.FENCED.equals(p.reason())) {
      // This replica lost the namespace (its lease lapsed): the next owner reconciles the key. Writing a status or an
      // Event from here would be a write after the fence, so it stops quietly.
      LOG.info(req, "Model {}: stopped at this replica's fence - {}", key(model), p.getMessage());
      return Future.succeededFuture(ReconcileResult.done());
    }
    ModelFailure f = ModelFailure.of(err);
    String key = key(model);
    metrics.failed(f.reason());
    if (f.permanent()) {
      LOG.warn(req, "Model {}: {} - {}", key, f.reason(), f.message());
    } else {
      LOG.info(req, "Model {}: {} - {} (will retry)", key, f.reason(), f.message());
    }
    Model latest = Optional.ofNullable(kube.get(model.getMetadata().getNamespace(), model.getMetadata().getName()))
        .orElse(model);
    // An unreachable proxy is reported by one Event per proxy (its first failing Model's), not one per Model.
    boolean reported = f.eventWorthy() && (!ModelStatuses.LITELLM_UNAVAILABLE.equals(f.reason())
        || proxyHealth.firstUnreachableCall(state.endpoint()));
    Future<Void> recorded = reported ? event(state, latest, EventSeverity.WARNING, f.reason(), f.message())
        : Future.succeededFuture();
    Future<Void> written = latest.getMetadata().getDeletionTimestamp() == null
        ? writeIfChanged(latest, ModelStatuses.failed(latest, f.reason(), f.message())).<Void>mapEmpty()
            .recover(e -> Future.succeededFuture())
        : Future.succeededFuture();
    if (f.permanent()) {
      // Parked until a fresh change: a spec change, a change of what it waits on (ParkedDependents), or the slow
      // re-check, for problems that heal without any event this controller sees (a hand-made LiteLLM model removed).
      dependents.waitOn(state, err instanceof ModelProblem p ? p.waitsOn() : null);
    }
    return Future.join(recorded, written).map(x -> f.permanent()
        ? ReconcileResult.permanent(err, recheck) : ReconcileResult.retry(err, f.retryAfter()));
  }

  /**
   * The proxy could not take the call, so none was made: look again when the limiter says, holding nothing meanwhile;
   * not a failure (no backoff, no Event, no failure metric). A full wait queue is ordinary back-pressure and leaves the
   * status alone; a Retry-After pause is said once in the status (the message is stable: later deferrals write
   * nothing).
   */
  private Future<ReconcileResult> deferred(ReconcileRequest<ModelState> req, Model model, DownstreamDeferral d) {
    ReconcileResult later = ReconcileResult.deferred(d.after(), d);
    LOG.debug(req, "Model {}: deferred for {} ({})", key(model), d.after(), d.getMessage());
    Model latest = Optional.ofNullable(kube.get(model.getMetadata().getNamespace(), model.getMetadata().getName()))
        .orElse(model);
    if (d.reason() != DownstreamDeferral.Reason.PAUSED || latest.getMetadata().getDeletionTimestamp() != null) {
      return Future.succeededFuture(later);
    }
    return writeIfChanged(latest, ModelStatuses.failed(latest, "RateLimited", "LiteLLM is rate limiting: "
        + d.getMessage())).<ReconcileResult>map(later).recover(e -> Future.succeededFuture(later));
  }

  /**
   * The Model cannot be served for a cause outside it (its instance, its proxy): not a failure of the Model (no
   * backoff, no Event per Model: the instance's status or the proxy's one Event says it), no retry (the cause's
   * change wakes the key, the resync looks again); the status is written once per transition.
   */
  private Future<ReconcileResult> notServing(ReconcileRequest<ModelState> req, Model model, NotServing n) {
    LOG.debug(req, "Model {}: {} - {}", key(model), n.reason(), n.getMessage());
    Model latest = Optional.ofNullable(kube.get(model.getMetadata().getNamespace(), model.getMetadata().getName()))
        .orElse(model);
    if (latest.getMetadata().getDeletionTimestamp() != null) {
      return Future.succeededFuture(ReconcileResult.done()); // its DELETED event runs the finalizer
    }
    return writeIfChanged(latest, ModelStatuses.notServing(latest, n.reason(), n.getMessage()))
        .<ReconcileResult>map(ReconcileResult.done());
  }

  /** The LiteLLM calls of one reconcile: their waits for a proxy slot hold no permit; they end by its fence. */
  private LiteLLMPort calls(ReconcileRequest<ModelState> req) {
    LiteLLMPort bound = litellm.during(req);
    return bound != null ? bound : litellm; // a mocked port answers null
  }

  /** The reason of a Model whose proxy has no model store. */
  static final String NO_DATABASE = "LiteLLMNoDatabase";

  // --- inputs ---

  private Future<Map<String, String>> modelSecretData(Model m) {
    SecretRef ref = m.getSpec().modelSecretRef;
    if (ref == null || ref.secretName == null || ref.secretName.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    var target = namespaces.resolve(m, "spec.modelSecretRef.namespace", ref.namespace);
    String ns = target.namespace();
    String where = "model Secret " + ns + "/" + ref.secretName + " (spec.modelSecretRef)";
    return kube.readSecret(ns, ref.secretName).compose(opt -> {
      if (opt.isEmpty()) {
        return Future.failedFuture(ModelProblem.transientProblem("SecretNotFound", where + " not found"));
      }
      namespaces.checkGrant(m, target, "Secret " + ref.secretName, opt.get().annotations());
      Map<String, String> data = opt.get().data();
      boolean anyKnown = ModelSecretKeys.TO_PARAM.keySet().stream()
          .anyMatch(k -> data.get(k) != null && !data.get(k).isBlank());
      if (!anyKnown) {
        // A Secret that fills nothing is almost certainly a mistake (wrong Secret, misspelt keys): say so rather than
        // sending a model without credentials.
        return Future.failedFuture(ModelProblem.transientProblem("SecretIncomplete", where
            + " has none of the keys " + String.join(", ", ModelSecretKeys.TO_PARAM.keySet())));
      }
      return Future.succeededFuture(data);
    });
  }

  /** The id a create would have used; null when the spec cannot render (then nothing was ever created). */
  private static String derivedModelId(Model m) {
    try {
      return ModelPayloadRenderer.render(m, Map.of(), "", "").modelId(); // the id depends on neither
    } catch (RenderException e) {
      return null;
    }
  }

  static String key(Model m) {
    return m.getMetadata().getNamespace() + "/" + m.getMetadata().getName();
  }
}
