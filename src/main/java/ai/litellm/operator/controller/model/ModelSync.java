package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelChangePlan;
import ai.litellm.operator.render.ModelChangePlanner;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.ModelPayload;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Moves one model in LiteLLM to the desired payload with as few calls as possible:
 * <ul>
 *   <li>never applied → create; a duplicate id (a create whose response was lost, or a restart mid-flight) → read the
 *       existing model and adopt it when it carries our ownership marker for this uid, else refuse (never touch models
 *       the operator does not own);</li>
 *   <li>applied before → read it, then overlay the params (only values reads strip changed: a rotated credential; no
 *       router reload), PATCH (visible keys added/changed) or delete + create (a key removed:
 *       LiteLLM's update endpoints cannot delete keys; model_name/model_info changes do not propagate by PATCH); a model
 *       deleted behind our back (404) is created again;</li>
 *   <li>applied before, and this process saw a payload of the same visible shape applied (only hidden values changed:
 *       a rotated key) → overlay the params without reading first (issue #14.3: a rotation of N Models is N calls, not
 *       2N); a row gone meanwhile is created, and the row the overlay returns must carry our marker.</li>
 * </ul>
 */
final class ModelSync {
  private final LiteLLMPort calls;
  private final RowOwnership ownership;
  private final boolean adoptUnmarked;
  private final List<String> appliedCredentials;
  /**
   * Creates one sync may send: the create itself, and the one of a delete + create after adopting a row its duplicate
   * answer pointed to (an unmarked row taken over on opt-in). A third can only come from answers that contradict each
   * other, which would go round for ever (a sync is one reconcile's).
   */
  private static final int MAX_CREATES = 2;
  private int creates;

  /**
   * @param ownership only rows whose marker names this install and the Model's uid are ours
   * @param adoptUnmarked the Model opted in to adopting an unmarked row ({@link RowOwnership#adoptable})
   */
  ModelSync(LiteLLMPort calls, RowOwnership ownership, boolean adoptUnmarked) {
    this(calls, ownership, adoptUnmarked, List.of());
  }

  /**
   * @param appliedCredentials the credential param names status says were applied (reads never show them): one that
   *     is no longer desired makes the change a delete + create
   */
  ModelSync(LiteLLMPort calls, RowOwnership ownership, boolean adoptUnmarked, List<String> appliedCredentials) {
    this.calls = calls;
    this.ownership = ownership;
    this.adoptUnmarked = adoptUnmarked;
    this.appliedCredentials = List.copyOf(appliedCredentials);
  }

  /**
   * @param appliedId the LiteLLM id status says we applied (null when never applied)
   * @param uid the Model's uid, which the ownership marker must carry
   * @param hashCurrent whether status records this very payload as applied (we are here because drift was reported):
   *     then a model that reads back the same needs no call; otherwise credentials may have changed unseen
   */
  Future<SyncOutcome> sync(Connection conn, ModelPayload desired, String appliedId, String uid, boolean hashCurrent) {
    return sync(conn, desired, appliedId, uid, hashCurrent, false);
  }

  /**
   * @param onlyHiddenChanged the payload differs from the one this process last saw applied to {@code appliedId} in
   *     values reads strip alone ({@link ModelChangePlanner#visibleShape}): the read that would plan the change is
   *     skipped
   */
  Future<SyncOutcome> sync(Connection conn, ModelPayload desired, String appliedId, String uid, boolean hashCurrent,
      boolean onlyHiddenChanged) {
    creates = 0;
    return run(conn, desired, appliedId, uid, hashCurrent, onlyHiddenChanged);
  }

  private Future<SyncOutcome> run(Connection conn, ModelPayload desired, String appliedId, String uid,
      boolean hashCurrent, boolean onlyHiddenChanged) {
    if (appliedId == null) {
      return create(conn, desired, uid);
    }
    if (onlyHiddenChanged && !hashCurrent && !adoptUnmarked && appliedId.equals(desired.modelId())
        && derivedFrom(desired.modelId(), uid)) {
      return overlayUnread(conn, desired, uid);
    }
    return calls.get(conn.endpoint(), appliedId).compose(observed -> {
      if (observed.isEmpty()) {
        return create(conn, desired, uid);
      }
      if (RowOwnership.adoptable(observed.get(), adoptUnmarked, appliedId, desired)) {
        return converge(conn, desired, observed.get(), uid, false).map(o -> SyncOutcome.ADOPTED);
      }
      if (!ownership.owns(observed.get(), uid)) {
        return Future.failedFuture(ownership.notOurs(observed.get(), desired.modelId()));
      }
      return converge(conn, desired, observed.get(), uid, hashCurrent);
    });
  }

  /**
   * Whether the id is the one derived from this Model's uid ({@code k8s-<uid>-<h>}): no other Model derives it, so no
   * other writer of this operator can have made a row under it. A user-chosen id ({@code spec.modelInfo.id}) can be
   * another Model's too: its row is read (and its marker checked) before anything is written to it.
   */
  private static boolean derivedFrom(String modelId, String uid) {
    return uid != null && modelId.startsWith(ModelOwnership.DERIVED_ID_PREFIX + uid + "-");
  }

  private Future<SyncOutcome> overlayUnread(Connection conn, ModelPayload desired, String uid) {
    return calls.updateParams(conn.endpoint(), desired.modelId(), desired.litellmParams())
        .compose(row -> ownership.owns(row, uid) ? Future.succeededFuture(SyncOutcome.PATCHED)
            // Our uid's id, someone else's marker (a row made by hand under our id): report it like any row we do not
            // own, and the next write reads first.
            : Future.<SyncOutcome>failedFuture(ownership.notOurs(row, desired.modelId())))
        .recover(err -> routeNotServed(err)
            // A proxy that does not serve POST /model/update: the read path plans it again and falls back to PATCH.
            ? run(conn, desired, desired.modelId(), uid, false, false) : createIfGone(err, conn, desired, uid));
  }

  /** POST /model/update answered 404/405: the route is not served (a gateway's allow-list, a build without it). */
  private static boolean routeNotServed(Throwable err) {
    return err instanceof LiteLLMException e && e.kind() == LiteLLMException.Kind.BAD_REQUEST
        && (e.status() == 404 || e.status() == 405);
  }

  private Future<SyncOutcome> patch(Connection conn, ModelPayload desired, LiteLLMModel observed, String uid) {
    return calls.patch(conn.endpoint(), observed.id(), ModelChangePlanner.patchBody(desired.body()))
        .map(SyncOutcome.PATCHED)
        .recover(err -> createIfGone(err, conn, desired, uid));
  }

  /** A write that found no model (deleted behind our back meanwhile) creates it; any other failure stands. */
  private Future<SyncOutcome> createIfGone(Throwable err, Connection conn, ModelPayload desired, String uid) {
    return LiteLLMException.isNotFound(err) ? create(conn, desired, uid) : Future.failedFuture(err);
  }

  private Future<SyncOutcome> create(Connection conn, ModelPayload desired, String uid) {
    if (creates >= MAX_CREATES) {
      // A create said the id exists, then an update of the row we read said it does not (a gateway answering 404 for
      // a route, replicas disagreeing): a second create would go round the same loop. The next reconcile starts over.
      return Future.failedFuture(ModelProblem.transientProblem("LiteLLMUnavailable", "LiteLLM reports model id "
          + desired.modelId() + " both as existing (create) and as missing (update); trying again later"));
    }
    creates++;
    return calls.create(conn.endpoint(), desired.body()).map(SyncOutcome.CREATED).recover(err -> {
      if (!LiteLLMException.isKind(err, LiteLLMException.Kind.DUPLICATE_ID)) {
        return Future.failedFuture(err);
      }
      return calls.get(conn.endpoint(), desired.modelId()).compose(existing -> adopt(conn, desired, existing, uid, err));
    });
  }

  private Future<SyncOutcome> adopt(Connection conn, ModelPayload desired, Optional<LiteLLMModel> existing, String uid,
      Throwable createError) {
    if (existing.isEmpty()) {
      // The id exists in the database but the replica that answered has not loaded it yet: try again shortly.
      return Future.failedFuture(ModelProblem.transientProblem("LiteLLMUnavailable",
          "LiteLLM reports model id " + desired.modelId() + " exists but does not list it yet (replicas catching up)"));
    }
    if (!ownership.owns(existing.get(), uid)
        && !RowOwnership.adoptable(existing.get(), adoptUnmarked, null, desired)) {
      return Future.failedFuture(ownership.notOurs(existing.get(), desired.modelId()));
    }
    return converge(conn, desired, existing.get(), uid, false).map(o -> SyncOutcome.ADOPTED);
  }

  private Future<SyncOutcome> converge(Connection conn, ModelPayload desired, LiteLLMModel observed, String uid,
      boolean hashCurrent) {
    JsonObject current = ModelChangePlanner.withAppliedCredentials(new JsonObject()
        .put("model_name", observed.modelName()).put("litellm_params", observed.litellmParams())
        .put("model_info", observed.modelInfo()), appliedCredentials);
    // Reads strip credentials: unless status says this payload was applied, PATCH at least (rotation is invisible).
    ModelChangePlan plan = ModelChangePlanner.plan(desired.body(), current, hashCurrent);
    return switch (plan.kind()) {
      case NONE -> Future.succeededFuture(SyncOutcome.UNCHANGED);
      case PATCH -> patch(conn, desired, observed, uid);
      case UPDATE_PARAMS -> calls.updateParams(conn.endpoint(), observed.id(), plan.patchBody())
          .map(SyncOutcome.PATCHED)
          // Without POST /model/update the same change goes as a PATCH (a router reload, but applied).
          .recover(err -> routeNotServed(err) ? patch(conn, desired, observed, uid)
              : createIfGone(err, conn, desired, uid));
      // A removed key (or a new id/name) cannot be expressed as a PATCH: null means "keep". Delete, then create; a
      // create whose answer is lost is adopted like any other.
      case RECREATE -> calls.delete(conn.endpoint(), observed.id())
          .compose(v -> create(conn, desired, uid))
          .map(o -> o == SyncOutcome.CREATED ? SyncOutcome.RECREATED : o);
    };
  }


}
