package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.render.ModelPayload;
import java.util.Map;

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

  /**
   * Whether a row without any marker may be taken over by a Model that opted in ({@link ModelOwnership#ADOPT_ANNOTATION},
   * issue #14.8): its id is the one the Model names (status.modelId or spec.modelInfo.id) and its public name is the
   * Model's, as this operator or the Go operator ({@code <modelName>-[crd]}) wrote it. A marked row never is.
   */
  static boolean adoptable(LiteLLMModel row, boolean optedIn, String appliedId, ModelPayload desired) {
    if (!optedIn || ModelOwnership.markerOf(row.modelInfo()) != null || row.id() == null) {
      return false;
    }
    boolean sameId = row.id().equals(appliedId) || row.id().equals(desired.modelId());
    String name = row.modelName();
    boolean sameName = desired.modelName().equals(name)
        || (desired.modelName() + ModelOwnership.GO_OPERATOR_NAME_SUFFIX).equals(name);
    return sameId && sameName;
  }

  /** Whether the Model opted in to adopting an unmarked row ({@link ModelOwnership#ADOPT_ANNOTATION}). */
  static boolean optedIn(Model model) {
    Map<String, String> a = model.getMetadata().getAnnotations();
    return a != null && "true".equals(a.get(ModelOwnership.ADOPT_ANNOTATION));
  }

  /** Why a row with the desired id cannot be written: whose it is, as far as its marker tells. */
  ModelProblem notOurs(LiteLLMModel m, String id) {
    ModelOwnership.Marker marker = ModelOwnership.markerOf(m.modelInfo());
    if (marker == null) {
      return ModelProblem.permanent("ModelIdConflict", "LiteLLM already has a model with id " + id + " (public name "
          + m.modelName() + ") that no operator owns (it carries no ownership marker), e.g. one the Go operator "
          + "created. If it is this Model's, annotate the Model " + ModelOwnership.ADOPT_ANNOTATION + "=true to adopt "
          + "it (its public name must be spec.modelName or spec.modelName + \"" + ModelOwnership.GO_OPERATOR_NAME_SUFFIX
          + "\"; docs/operations.md, \"Migrating from the Go operator\"); otherwise set another spec.modelInfo.id");
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
