package ai.litellm.operator.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No kubelet runs in the sandbox, so no Deployment would ever become available. This plays the Deployment controller
 * and kubelet for the operator's Deployments: after a short delay it reports every desired replica updated, ready and
 * available for the current generation, which is what the instance controller's Ready condition waits for.
 */
public final class DeploymentSimulator implements StandInKubelet {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentSimulator.class);

  private final KubernetesClient client;
  private final long delayMillis;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sandbox-kubelet");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<Deployment> informer;
  private volatile boolean paused;

  public DeploymentSimulator(KubernetesClient client, long delayMillis) {
    this.client = client;
    this.delayMillis = delayMillis;
  }

  public DeploymentSimulator start() {
    informer = client.apps().deployments().inAnyNamespace()
        .withLabels(Map.of("app.kubernetes.io/managed-by", "litellm-operator"))
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Deployment d) {
            schedule(d);
          }

          @Override
          public void onUpdate(Deployment o, Deployment d) {
            schedule(d);
          }

          @Override
          public void onDelete(Deployment d, boolean unknown) {
          }
        }, 0);
    return this;
  }

  /** Stops reporting rollouts (tests watch an instance wait for its pods); Deployments stay as they are. */
  @Override
  public void pause() {
    paused = true;
  }

  /** Reports rollouts again, starting with every Deployment that waited meanwhile. */
  @Override
  public void resume() {
    paused = false;
    if (informer != null) {
      informer.getStore().list().forEach(this::schedule);
    }
  }

  private void schedule(Deployment d) {
    if (paused || isRolledOut(d)) {
      return;
    }
    worker.execute(() -> {
      try {
        Thread.sleep(delayMillis);
        Deployment live = client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
            .withName(d.getMetadata().getName()).get();
        if (paused || live == null || isRolledOut(live)) {
          return;
        }
        int replicas = live.getSpec().getReplicas() == null ? 1 : live.getSpec().getReplicas();
        live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(live.getMetadata().getGeneration())
            .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
            .withAvailableReplicas(replicas).build());
        client.apps().deployments().resource(live).updateStatus();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("simulated rollout of {} failed: {}", d.getMetadata().getName(), e.getMessage());
      }
    });
  }

  static boolean isRolledOut(Deployment d) {
    if (d.getStatus() == null || d.getSpec() == null) {
      return false;
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())
        && Objects.equals(d.getStatus().getAvailableReplicas(), replicas)
        && Objects.equals(d.getStatus().getUpdatedReplicas(), replicas);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.stop();
    }
    worker.shutdownNow();
  }
}
