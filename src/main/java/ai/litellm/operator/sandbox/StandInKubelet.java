package ai.litellm.operator.sandbox;

/**
 * What plays the kubelet where none runs, so the operator's Deployments become available as in a cluster:
 * {@link DeploymentSimulator} on the embedded API server (which has no Deployment controller either),
 * {@link PodReadinessSimulator} on a real control plane (whose Deployment controller counts the Pods it marks Ready).
 */
public interface StandInKubelet extends AutoCloseable {
  /** Stops reporting pods up (tests watch an instance wait for its rollout); what is there stays as it is. */
  void pause();

  /** Reports again, starting with everything that waited meanwhile. */
  void resume();

  @Override
  void close();
}
