package ai.litellm.operator.sandbox;

import ai.litellm.operator.render.InstanceLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kubelet of a real control plane that has none: marks the Pods of the operator's Deployments Running and Ready.
 * The real ReplicaSet and Deployment controllers then report the Deployment available, as in a cluster.
 *
 * <p>Why not write the Deployment status directly (as {@link DeploymentSimulator} does on the embedded server): with
 * kube-controller-manager running, the Deployment controller recomputes that status from the Pods on every update and
 * the two writers would overwrite each other forever.
 */
public final class PodReadinessSimulator implements StandInKubelet {
  private final KubernetesClient admin;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "test-kubelet");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<Pod> informer;
  private volatile boolean paused;

  public PodReadinessSimulator(KubernetesClient admin) {
    this.admin = admin;
  }

  public PodReadinessSimulator start() {
    informer = admin.pods().inAnyNamespace()
        .withLabels(Map.of(InstanceLabels.MANAGED_BY, InstanceLabels.MANAGED_BY_VALUE))
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            markReady(pod);
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            markReady(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {
          }
        }, 0);
    return this;
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    if (informer != null) {
      informer.getStore().list().forEach(this::markReady);
    }
  }

  private void markReady(Pod pod) {
    if (paused || pod.getMetadata().getDeletionTimestamp() != null || isReady(pod)) {
      return;
    }
    worker.execute(() -> {
      String now = Instant.now().toString();
      List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
          .map(type -> new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build())
          .toList();
      // Container statuses too, so kubectl get pods says 1/1 like a kubelet's.
      List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
          .map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
              .withReady(true).withStarted(true).withRestartCount(0)
              .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
          .toList();
      pod.setStatus(new PodStatusBuilder().withPhase("Running").withConditions(conditions).withStartTime(now)
          .withContainerStatuses(containers).withPodIP("127.0.0.1").withHostIP("127.0.0.1").build());
      try {
        admin.pods().resource(pod).updateStatus();
      } catch (KubernetesClientException e) {
        // 409 (the pod moved) or 404 (deleted): the informer's next event for the pod tries again.
      }
    });
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.stop();
    }
    worker.shutdownNow();
  }
}
