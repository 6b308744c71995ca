package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialSecretRef;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileLog;
import ai.litellm.operator.eventlog.ReconcileRequest;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.eventlog.ratelimit.DownstreamDeferral;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.kube.KubernetesPort;
import ai.litellm.operator.kube.KubernetesPort.EventSeverity;
import ai.litellm.operator.litellm.LiteLLMCredential;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.render.CredentialPayload;
import ai.litellm.operator.render.CredentialPayloadRenderer;
import ai.litellm.operator.render.KeyedHash;
import ai.litellm.operator.render.ModelOwnership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one Credential key (issue #17). Reads as a chain of named steps:
 * <pre>
 *   live:           ensureFinalizer → resolveConnection → renderPayload → checkNameIsOurs → syncToLiteLLM → writeStatus
 *   being deleted:  waitForUsers → deleteFromLiteLLM → releaseFinalizer
 * </pre>
 * LiteLLM's PATCH is the authority on existence (it checks the database; reads come from one worker's memory and may
 * lag by a poll), so a credential this Credential applied before is PATCHed, and created only when the PATCH says it is
 * not there. A create that meets an existing name adopts it only when its {@code credential_info} carries this
 * Credential's marker (a create whose answer was lost); anything else is a {@code CredentialNameConflict}. In the
 * steady state one read per reconcile checks that the proxy still holds what was applied (the keyed hash is in
 * {@code credential_info}, which LiteLLM returns in clear); a missing or different credential is written again.
 */
public final class CredentialReconciler implements KeyHandler<CredentialState> {
  private static final ReconcileLog LOG = new ReconcileLog(LoggerFactory.getLogger(CredentialReconciler.class),
      CredentialController.TOPIC);
  /** In credential_info: the keyed hash of what was applied, so a read tells whether the proxy still holds it. */
  static final String APPLIED_KEY = "litellm_operator_applied";
  /** How often a deleting Credential that waits for its Models looks again without being told. */
  static final Duration IN_USE_RECHECK = Duration.ofSeconds(30);
  /** Users named in the in-use message; the count says the rest. */
  private static final int USERS_NAMED = 5;

  private final KubernetesPort<Credential> kube;
  private final CredentialPort litellm;
  private final ConnectionResolver connections;
  private final ReferenceNamespaces namespaces;
  private final Function<String, List<String>> modelsUsing;
  private final Function<String, List<String>> providers;
  private final CredentialDependents dependents;
  private final String installId;
  private final KeyedHash hash;
  private final Duration recheck;
  private final Duration consistencyGrace;

  /**
   * @param modelsUsing Model keys using a {@link CredentialReferences#key} (the Model informer's index)
   * @param providers Credential keys providing a {@link CredentialReferences#key} (the Credential informer's index)
   * @param dependents wakes a credential's Models when its readiness changes
   * @param recheck how long a parked key waits before it is looked at again anyway
   * @param consistencyGrace how long after a write LiteLLM's workers may still show the credential as it was
   */
  CredentialReconciler(KubernetesPort<Credential> kube, CredentialPort litellm, ConnectionResolver connections,
      ReferenceNamespaces namespaces, Function<String, List<String>> modelsUsing,
      Function<String, List<String>> providers, CredentialDependents dependents, String installId, KeyedHash hash,
      Duration recheck, Duration consistencyGrace) {
    this.consistencyGrace = consistencyGrace;
    this.kube = kube;
    this.litellm = litellm;
    this.connections = connections;
    this.namespaces = namespaces;
    this.modelsUsing = modelsUsing;
    this.providers = providers;
    this.dependents = dependents;
    this.installId = installId;
    this.hash = hash;
    this.recheck = recheck;
  }

  /** Everything one pass learned, handed from step to step. */
  private record Pass(ReconcileRequest<CredentialState> req, Credential credential, Connection connection,
      CredentialPayload payload) {
    Pass with(Connection c) {
      return new Pass(req, credential, c, payload);
    }

    Pass with(CredentialPayload p) {
      return new Pass(req, credential, connection, p);
    }
  }

  /** What a sync did in LiteLLM. */
  enum Outcome { UNCHANGED, CREATED, UPDATED, REPLACED, ADOPTED, REPAIRED }

  @Override
  public Future<ReconcileResult> reconcile(ReconcileRequest<CredentialState> req) {
    Credential c = kube.get(req.namespace(), req.name());
    if (c == null) {
      dependents.gone(req.key());
      return Future.succeededFuture(ReconcileResult.done());
    }
    if (c.getMetadata().getDeletionTimestamp() != null) {
      return finalizeDeletion(req, c);
    }
    return kube.addFinalizer(c).map(withFinalizer -> new Pass(req, withFinalizer, null, null))
        .compose(this::resolveConnection)
        .compose(this::renderPayload)
        .compose(this::checkNameIsOurs)
        .compose(this::syncToLiteLLM)
        .recover(err -> onFailure(req, c, err));
  }

  private Future<Pass> resolveConnection(Pass pass) {
    Credential c = pass.credential();
    return connections.resolve(c, c.getSpec().connectionRef).map(pass::with);
  }

  private Future<Pass> renderPayload(Pass pass) {
    Credential c = pass.credential();
    CredentialSecretRef ref = c.getSpec().secretRef;
    if (ref == null || ref.secretName == null || ref.secretName.isBlank()) {
      // the renderer says what is missing
      return Future.succeededFuture(pass.with(CredentialPayloadRenderer.render(c, Map.of(),
          pass.connection().identity(), installId)));
    }
    var target = namespaces.resolve(c, "spec.secretRef.namespace", ref.namespace);
    String where = "Secret " + target.namespace() + "/" + ref.secretName + " (spec.secretRef)";
    return kube.readSecret(target.namespace(), ref.secretName).compose(opt -> {
      if (opt.isEmpty()) {
        return Future.failedFuture(ModelProblem.transientProblem("SecretNotFound", where + " not found"));
      }
      namespaces.checkGrant(c, target, "Secret " + ref.secretName, opt.get().annotations());
      return Future.succeededFuture(pass.with(CredentialPayloadRenderer.render(c, opt.get().data(),
          pass.connection().identity(), installId)));
    });
  }

  /**
   * Two Credentials providing one name on one proxy would overwrite each other's values at every reconcile: the oldest
   * keeps it, the others say {@code CredentialNameConflict} until renamed or moved.
   */
  private Future<Pass> checkNameIsOurs(Pass pass) {
    Credential c = pass.credential();
    String own = pass.req().key();
    String provided = CredentialReferences.provided(c);
    Optional<String> older = provided == null ? Optional.empty() : providers.apply(provided).stream()
        .filter(k -> !k.equals(own)).filter(k -> {
          int slash = k.indexOf('/');
          Credential other = kube.get(k.substring(0, slash), k.substring(slash + 1));
          return other != null && other.getMetadata().getDeletionTimestamp() == null && olderThan(other, c);
        }).min(Comparator.naturalOrder());
    if (older.isPresent()) {
      return Future.failedFuture(ModelProblem.permanent(CredentialStatuses.NAME_CONFLICT, "Credential " + older.get()
          + " already provides \"" + pass.payload().name() + "\" on " + pass.connection().description()
          + "; give this one another spec.credentialName"));
    }
    return Future.succeededFuture(pass);
  }

  private static boolean olderThan(Credential a, Credential b) {
    String ta = a.getMetadata().getCreationTimestamp();
    String tb = b.getMetadata().getCreationTimestamp();
    int byTime = ta == null || tb == null ? 0 : ta.compareTo(tb); // RFC 3339 in UTC sorts as text
    return byTime != 0 ? byTime < 0 : (a.getMetadata().getNamespace() + "/" + a.getMetadata().getName())
        .compareTo(b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()) < 0;
  }

  private Future<ReconcileResult> syncToLiteLLM(Pass pass) {
    Credential c = pass.credential();
    CredentialPayload p = pass.payload();
    LiteLLMEndpoint ep = pass.connection().endpoint();
    String where = pass.connection().description();
    String appliedHash = hash.of(p.hash());
    JsonObject info = p.info().put(APPLIED_KEY, appliedHash);
    CredentialPort calls = calls(pass.req());
    CredentialStatus st = c.getStatus();
    boolean sameProxy = st != null && where.equals(st.connection);
    Future<Outcome> synced;
    if (CredentialStatuses.applied(c, p.name(), where, appliedHash)
        && pass.req().state().writtenWithin(consistencyGrace)) {
      // Workers reload credentials at their poll (~30 s): a read now would show the previous values and flap.
      synced = Future.succeededFuture(Outcome.UNCHANGED);
    } else if (CredentialStatuses.applied(c, p.name(), where, appliedHash)) {
      synced = calls.getCredential(ep, p.name()).compose(found -> checkStillHeld(found, appliedHash, c, p.name())
          ? Future.succeededFuture(Outcome.UNCHANGED)
          : update(calls, ep, p, info).map(o -> Outcome.REPAIRED));
    } else {
      synced = noteMovedProxy(pass, st, sameProxy).compose(v -> {
        boolean appliedBefore = sameProxy && p.name().equals(st.credentialName) && st.appliedHash != null;
        if (appliedBefore && st.appliedKeys != null && !p.valueKeys().containsAll(st.appliedKeys)) {
          // LiteLLM's PATCH overlays values: a key can only be removed by deleting the credential and creating it anew
          return calls.deleteCredential(ep, p.name())
              .compose(x -> calls.createCredential(ep, p.name(), p.values(), info)).map(Outcome.REPLACED);
        }
        return appliedBefore ? update(calls, ep, p, info) : create(calls, ep, p, info, c);
      });
    }
    // A rename keeps the old name in LiteLLM (created new first) until no Model uses it any more.
    String previous = previousName(st, sameProxy, p.name());
    Future<String> retired = synced.compose(o -> retirePrevious(pass, calls, previous));
    return synced.compose(outcome -> retired.compose(stillKept -> {
      if (outcome != Outcome.UNCHANGED) {
        pass.req().state().wroteToLiteLLM();
        LOG.info(pass.req(), "Credential {}: {} \"{}\" in LiteLLM via {} (keys {})", pass.req().key(),
            outcome.name().toLowerCase(), p.name(), where, p.valueKeys());
      }
      Future<Void> noted = outcome == Outcome.REPAIRED || outcome == Outcome.ADOPTED
          ? kube.event(c, pass.req().state().events(), EventSeverity.NORMAL,
              outcome == Outcome.REPAIRED ? "DriftRepaired" : "Adopted", outcome == Outcome.REPAIRED
                  ? "credential \"" + p.name() + "\" was missing or changed in LiteLLM; wrote it again"
                  : "credential \"" + p.name() + "\" already existed with this Credential's marker; adopted it")
          : Future.succeededFuture();
      List<String> keys = new ArrayList<>(p.valueKeys());
      keys.sort(null);
      CredentialStatus next = CredentialStatuses.withPrevious(CredentialStatuses.synced(c, p.name(), where,
          appliedHash, keys, users(c).size()), stillKept);
      return noted.recover(e -> Future.succeededFuture()).compose(v -> writeIfChanged(c, next))
          .map(written -> new Object[] {written, stillKept});
    })).map(pair -> {
      dependents.seen(pass.req().key(), (Credential) pair[0]);
      // the old name waits for its Models: look again later (they are not indexed under this Credential's key)
      return pair[1] != null ? ReconcileResult.requeueAfter(IN_USE_RECHECK) : ReconcileResult.done();
    });
  }

  /** The name a rename on the same proxy left behind (status says so), or null. */
  private static String previousName(CredentialStatus st, boolean sameProxy, String name) {
    if (st == null || !sameProxy) {
      return null;
    }
    if (st.previousCredentialName != null && !st.previousCredentialName.equals(name)) {
      return st.previousCredentialName;
    }
    return st.appliedHash != null && st.credentialName != null && !st.credentialName.equals(name)
        ? st.credentialName : null;
  }

  /**
   * Deletes the name a rename left behind once no Model uses it (and only when it carries this Credential's marker).
   *
   * @return the name still kept for its Models, or null when it is gone (or there was none)
   */
  private Future<String> retirePrevious(Pass pass, CredentialPort calls, String previous) {
    if (previous == null) {
      return Future.succeededFuture(null);
    }
    Credential c = pass.credential();
    String target = ai.litellm.operator.render.ConnectionTargets.describe(c.getMetadata().getNamespace(),
        c.getSpec().connectionRef);
    List<String> stillUsing = modelsUsing.apply(CredentialReferences.key(previous, target));
    if (!stillUsing.isEmpty()) {
      LOG.info(pass.req(), "Credential {}: renamed; \"{}\" stays in LiteLLM for {} Model(s) that still use it",
          pass.req().key(), previous, stillUsing.size());
      return Future.succeededFuture(previous);
    }
    LiteLLMEndpoint ep = pass.connection().endpoint();
    return calls.getCredential(ep, previous).compose(found -> {
      if (found.isEmpty() && pass.req().state().writtenWithin(consistencyGrace)) {
        return Future.succeededFuture(previous); // the answering worker may not show it yet: look again later
      }
      return found.isPresent() && ours(found.get(), c)
          ? calls.deleteCredential(ep, previous).map(v -> (String) null) : Future.succeededFuture((String) null);
    });
  }

  /**
   * Whether the answering worker's copy needs no write: it shows the applied hash. A copy with another Credential's
   * marker is not overwritten ({@code CredentialNameConflict}); one whose {@code credential_info} shows no operator key
   * at all is left alone too: a LiteLLM that publishes only part of the info gives no evidence either way, and a
   * credential someone made by hand under this name must not be overwritten.
   *
   * @throws ModelProblem when the name holds another Credential's credential
   */
  private boolean checkStillHeld(Optional<LiteLLMCredential> found, String appliedHash, Credential c, String name) {
    if (found.isEmpty()) {
      return false; // gone (a false miss of a lagging worker costs one idempotent PATCH, the grace having passed)
    }
    JsonObject info = found.get().info();
    if (appliedHash.equals(info.getValue(APPLIED_KEY))) {
      return true;
    }
    ModelOwnership.Marker marker = ModelOwnership.markerOf(info);
    if (marker != null && !ours(found.get(), c)) {
      throw notOurs(found.get(), name);
    }
    return marker == null && !info.containsKey(APPLIED_KEY);
  }

  /** PATCH (DB-authoritative); a credential deleted behind our back is created again. */
  private static Future<Outcome> update(CredentialPort calls, LiteLLMEndpoint ep, CredentialPayload p,
      JsonObject info) {
    return calls.updateCredential(ep, p.name(), p.values(), info).map(Outcome.UPDATED).recover(err ->
        LiteLLMException.isNotFound(err)
            ? calls.createCredential(ep, p.name(), p.values(), info).map(Outcome.CREATED)
            : Future.failedFuture(err));
  }

  /** POST; an existing name is adopted only when it carries this Credential's marker. */
  private Future<Outcome> create(CredentialPort calls, LiteLLMEndpoint ep, CredentialPayload p, JsonObject info,
      Credential c) {
    return calls.createCredential(ep, p.name(), p.values(), info).map(Outcome.CREATED).recover(err -> {
      if (!LiteLLMException.isKind(err, LiteLLMException.Kind.DUPLICATE_ID)) {
        return Future.failedFuture(err);
      }
      return calls.getCredential(ep, p.name()).compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(ModelProblem.transientProblem("CredentialNotVisibleYet", "LiteLLM says a"
              + " credential named \"" + p.name() + "\" exists, but the worker that answered does not list it yet"));
        }
        if (!ours(found.get(), c)) {
          return Future.failedFuture(notOurs(found.get(), p.name()));
        }
        return calls.updateCredential(ep, p.name(), p.values(), info).map(Outcome.ADOPTED);
      });
    });
  }

  /** A move to another proxy leaves the old copy (the old proxy is not reachable from the new spec): an Event says so. */
  private Future<Void> noteMovedProxy(Pass pass, CredentialStatus st, boolean sameProxy) {
    if (st == null || st.appliedHash == null || st.credentialName == null || sameProxy) {
      return Future.succeededFuture();
    }
    return kube.event(pass.credential(), pass.req().state().events(), EventSeverity.WARNING, "PreviousCopyLeft",
        "moved from " + st.connection + " to " + pass.connection().description() + "; credential \""
            + st.credentialName + "\" may remain on the old proxy: delete it there if nothing uses it")
        .recover(e -> Future.succeededFuture());
  }

  private boolean ours(LiteLLMCredential found, Credential c) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(found.info());
    return marker != null && marker.ownedBy(installId, c.getMetadata().getUid());
  }

  private ModelProblem notOurs(LiteLLMCredential found, String name) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(found.info());
    String owner = marker == null ? "it carries no operator marker (made by hand, the UI or another tool)"
        : marker.writtenBy(installId) ? "it belongs to Credential " + marker.owner()
            : "another operator install made it for " + marker.owner();
    return ModelProblem.permanent(CredentialStatuses.NAME_CONFLICT, "LiteLLM already has a credential named \""
        + name + "\" that is not this Credential's: " + owner + "; give this one another spec.credentialName");
  }

  private Future<Credential> writeIfChanged(Credential c, CredentialStatus next) {
    if (!CredentialStatuses.changed(c.getStatus(), next)) {
      return Future.succeededFuture(c);
    }
    return kube.writeStatus(c, CredentialStatuses.stamp(next));
  }

  /**
   * Models that use this Credential's credential on its proxy (by the Model informer's index): under the name it
   * provides now, the name status says it applied, and a name kept after a rename.
   */
  private List<String> users(Credential c) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    String provided = CredentialReferences.provided(c);
    if (provided != null) {
      keys.add(provided);
    }
    CredentialStatus st = c.getStatus();
    String target = c.getSpec() == null ? null : ai.litellm.operator.render.ConnectionTargets.describe(
        c.getMetadata().getNamespace(), c.getSpec().connectionRef);
    if (st != null && target != null) {
      for (String name : new String[] {st.credentialName, st.previousCredentialName}) {
        if (name != null) {
          keys.add(CredentialReferences.key(name, target));
        }
      }
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    keys.forEach(k -> out.addAll(modelsUsing.apply(k)));
    return new ArrayList<>(out);
  }

  // --- deletion ---

  private Future<ReconcileResult> finalizeDeletion(ReconcileRequest<CredentialState> req, Credential c) {
    dependents.seen(req.key(), c); // its Models learn at once that it is going
    if (!Finalizers.has(c)) {
      return Future.succeededFuture(ReconcileResult.done());
    }
    // Nothing applied (e.g. a Credential that lost a name conflict): nothing in LiteLLM for its Models to lose.
    boolean applied = c.getStatus() != null && c.getStatus().credentialName != null;
    List<String> users = applied ? users(c) : List.of();
    if (!users.isEmpty()) {
      return waitForUsers(req, c, users);
    }
    return deleteFromLiteLLM(req, c)
        .compose(v -> kube.removeFinalizer(c))
        .map(v -> {
          dependents.gone(req.key());
          return ReconcileResult.done();
        })
        .recover(err -> {
          if (err instanceof ModelProblem p && (p.isConnectionGone() || p.isPermanent())) {
            // Nothing can ever delete it through this connection (its proxy is gone, or the spec cannot work)
            LOG.warn(req, "Credential {}: connection unusable for good ({}); releasing the finalizer", req.key(),
                p.getMessage());
            return kube.event(c, req.state().events(), EventSeverity.WARNING, "FinalizerReleased",
                "Released the finalizer without deleting the credential from LiteLLM: " + p.getMessage())
                .recover(e -> Future.succeededFuture())
                .compose(v -> kube.removeFinalizer(c)).map(v -> ReconcileResult.done());
          }
          if (err instanceof DownstreamDeferral d) {
            return Future.succeededFuture(ReconcileResult.deferred(d.after(), d));
          }
          if (err instanceof ModelProblem p && LiteLLMCalls.FENCED.equals(p.reason())) {
            return Future.succeededFuture(ReconcileResult.done()); // no write after the fence
          }
          ModelFailure f = ModelFailure.of(err);
          LOG.warn(req, "Credential {}: deletion blocked: {} - {} (will retry)", req.key(), f.reason(), f.message());
          return writeIfChanged(c, CredentialStatuses.failed(c, f.reason(), "being deleted; the credential is not "
              + "deleted from LiteLLM yet: " + f.message(), 0, false)).<ReconcileResult>map(x -> ReconcileResult.retry(err,
                  f.retryAfter())).recover(e -> Future.succeededFuture(ReconcileResult.retry(err, f.retryAfter())));
        });
  }

  /**
   * LiteLLM lets a credential be deleted while models name it, and those models then send requests without its values.
   * So the finalizer holds while any Model uses it; the status names them. Each Model that goes wakes this key
   * ({@link CredentialUsage}); a slow re-check covers a missed wake-up.
   */
  private Future<ReconcileResult> waitForUsers(ReconcileRequest<CredentialState> req, Credential c,
      List<String> users) {
    List<String> sorted = new ArrayList<>(users);
    sorted.sort(null);
    String named = String.join(", ", sorted.subList(0, Math.min(USERS_NAMED, sorted.size())))
        + (sorted.size() > USERS_NAMED ? " and " + (sorted.size() - USERS_NAMED) + " more" : "");
    String message = "being deleted, but " + sorted.size() + " Model(s) still use it: " + named + "; it stays in "
        + "LiteLLM until they are deleted or name another credential";
    LOG.info(req, "Credential {}: deletion waits for {} Model(s) using it", req.key(), sorted.size());
    Future<Void> noted = kube.event(c, req.state().events(), EventSeverity.WARNING, CredentialStatuses.IN_USE,
        message).recover(e -> Future.succeededFuture());
    return noted.compose(v -> writeIfChanged(c, CredentialStatuses.inUse(c, message, sorted.size())))
        .map(x -> ReconcileResult.requeueAfter(IN_USE_RECHECK))
        .recover(e -> Future.succeededFuture(ReconcileResult.requeueAfter(IN_USE_RECHECK)));
  }

  /**
   * Deletes the credential only when the answering worker shows it with this Credential's marker: status is not
   * proof. One the worker does not show is taken as gone (as for models).
   */
  private Future<Void> deleteFromLiteLLM(ReconcileRequest<CredentialState> req, Credential c) {
    CredentialStatus st = c.getStatus();
    if (st == null || st.credentialName == null) {
      return Future.succeededFuture(); // never applied
    }
    CredentialPort calls = calls(req);
    return connections.resolve(c, c.getSpec().connectionRef).compose(conn -> {
      Future<Void> previous = st.previousCredentialName == null ? Future.succeededFuture()
          : deleteOwn(req, c, calls, conn.endpoint(), st.previousCredentialName);
      return previous.compose(v -> deleteOwn(req, c, calls, conn.endpoint(), st.credentialName));
    });
  }

  private Future<Void> deleteOwn(ReconcileRequest<CredentialState> req, Credential c, CredentialPort calls,
      LiteLLMEndpoint ep, String name) {
    return calls.getCredential(ep, name).compose(found -> {
      if (found.isEmpty()) {
        if (req.state().writtenWithin(consistencyGrace)) {
          // just written: the answering worker may not show it yet, and giving up would leave it (and its values)
          return Future.failedFuture(ModelProblem.transientProblem("CredentialNotVisibleYet", "credential \""
              + name + "\" was written moments ago and the worker that answered does not list it yet"));
        }
        return Future.succeededFuture();
      }
      if (!ours(found.get(), c)) {
        LOG.info(req, "Credential {}: \"{}\" in LiteLLM is not its own; left in place", req.key(), name);
        return Future.succeededFuture();
      }
      return calls.deleteCredential(ep, name)
          .onSuccess(v -> LOG.info(req, "Credential {}: deleted \"{}\" from LiteLLM", req.key(), name));
    });
  }

  // --- failures ---

  private Future<ReconcileResult> onFailure(ReconcileRequest<CredentialState> req, Credential c, Throwable err) {
    if (err instanceof DownstreamDeferral d) {
      return Future.succeededFuture(ReconcileResult.deferred(d.after(), d));
    }
    if (err instanceof ModelProblem p && LiteLLMCalls.FENCED.equals(p.reason())) {
      LOG.info(req, "Credential {}: stopped at this replica's fence - {}", req.key(), p.getMessage());
      return Future.succeededFuture(ReconcileResult.done());
    }
    ModelFailure f = ModelFailure.of(err, "credential");
    if (f.permanent()) {
      LOG.warn(req, "Credential {}: {} - {}", req.key(), f.reason(), f.message());
    } else {
      LOG.info(req, "Credential {}: {} - {} (will retry)", req.key(), f.reason(), f.message());
    }
    Credential latest = Optional.ofNullable(kube.get(req.namespace(), req.name())).orElse(c);
    Future<Void> recorded = f.eventWorthy()
        ? kube.event(latest, req.state().events(), EventSeverity.WARNING, f.reason(), f.message())
        : Future.succeededFuture();
    Future<Credential> written = writeIfChanged(latest, CredentialStatuses.failed(latest, f.reason(), f.message(),
        users(latest).size(), !f.permanent() && CredentialGate.readyNow(latest)))
        .recover(e -> Future.succeededFuture(latest));
    return Future.join(recorded.recover(e -> Future.succeededFuture()), written).map(x -> {
      dependents.seen(req.key(), written.result());
      return f.permanent() ? ReconcileResult.permanent(err, recheck) : ReconcileResult.retry(err, f.retryAfter());
    });
  }

  private CredentialPort calls(ReconcileRequest<CredentialState> req) {
    CredentialPort bound = litellm.during(req);
    return bound != null ? bound : litellm; // a mocked port answers null
  }
}
