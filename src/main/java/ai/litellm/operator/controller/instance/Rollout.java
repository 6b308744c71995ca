package ai.litellm.operator.controller.instance;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** A Deployment's rollout state as the Deployment controller reports it. */
record Rollout(int availableReplicas, int updatedReplicas, boolean observedCurrent, int want) {

  static Rollout of(Deployment d, int want) {
    if (d == null || d.getStatus() == null) {
      return new Rollout(0, 0, false, want);
    }
    var s = d.getStatus();
    long gen = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    boolean observed = s.getObservedGeneration() != null && s.getObservedGeneration() >= gen;
    return new Rollout(n(s.getAvailableReplicas()), n(s.getUpdatedReplicas()), observed, want);
  }

  boolean available() {
    return observedCurrent && availableReplicas >= want && updatedReplicas >= want;
  }

  boolean rollingOut() {
    return !observedCurrent || updatedReplicas < want;
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }
}
