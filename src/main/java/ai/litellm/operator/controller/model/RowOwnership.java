package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;

/**
 * Whether a row LiteLLM holds is this install's for a given Model (its ownership marker), and if not, whose it is as
 * far as the marker tells: the one rule every write, adoption and deletion of the Model controller applies.
 */
final class RowOwnership {
  static final String OWNED_BY_ANOTHER_INSTALL = "OwnedByAnotherInstall";

  private final String installId;

  RowOwnership(String installId) {
    this.installId = installId;
  }

  /** Whether the row carries this install's marker for the Model with this uid. */
  boolean owns(LiteLLMModel m, String uid) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(m.modelInfo());
    return marker != null && marker.ownedBy(installId, uid);
  }

  /** Why a row with the desired id cannot be written: whose it is, as far as its marker tells. */
  ModelProblem notOurs(LiteLLMModel m, String id) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(m.modelInfo());
    if (marker == null) {
      return ModelProblem.permanent("ModelIdConflict", "LiteLLM already has a model with id " + id
          + " that no operator owns (it carries no ownership marker); choose another spec.modelInfo.id");
    }
    if (marker.install() != null && !marker.install().equals(installId)) {
      return ModelProblem.permanent(OWNED_BY_ANOTHER_INSTALL, "LiteLLM model " + id + " belongs to another install of "
          + "the operator (install " + marker.install() + ", Model " + marker.owner() + "); it is never written or "
          + "deleted from here. Choose another spec.modelInfo.id");
    }
    // Heals when that Model is deleted (its deletion removes the id from LiteLLM): the parked Model waits on it.
    ModelProblem conflict = ModelProblem.permanent("ModelIdConflict", "LiteLLM model " + id + " belongs to Model "
        + marker.owner() + " (uid " + marker.uid() + "); choose another spec.modelInfo.id");
    return marker.uid() == null ? conflict : conflict.waitingOn(ParkedDependents.model(marker.uid()));
  }
}
