package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces to divide among replicas: the configured list, or every Namespace of the cluster through one
 * informer (a Namespace is small; 10k of them cost a few MB per replica, the only cluster-wide cache sharding keeps).
 */
public abstract sealed class NamespaceSource {
  /** The namespaces known now. */
  public abstract Set<String> namespaces();

  /** Starts watching (blocking until the first list is in: call off the event loop); {@code changed} runs on updates. */
  public abstract void start(Runnable changed);

  public abstract void stop();

  public static NamespaceSource of(KubernetesClient client, List<String> configured) {
    return configured.isEmpty() ? new Informed(client) : new Configured(configured);
  }

  static final class Configured extends NamespaceSource {
    private final Set<String> namespaces;

    Configured(List<String> namespaces) {
      this.namespaces = Set.copyOf(new TreeSet<>(namespaces));
    }

    @Override
    public Set<String> namespaces() {
      return namespaces;
    }

    @Override
    public void start(Runnable changed) {
      // fixed
    }

    @Override
    public void stop() {
      // nothing to stop
    }
  }

  static final class Informed extends NamespaceSource {
    private final KubernetesClient client;
    private volatile SharedIndexInformer<Namespace> informer;

    Informed(KubernetesClient client) {
      this.client = client;
    }

    @Override
    public Set<String> namespaces() {
      SharedIndexInformer<Namespace> inf = informer;
      Set<String> out = new TreeSet<>();
      if (inf != null) {
        inf.getStore().list().forEach(n -> out.add(n.getMetadata().getName()));
      }
      return out;
    }

    @Override
    public void start(Runnable changed) {
      informer = client.namespaces().inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(Namespace obj) {
          changed.run();
        }

        @Override
        public void onUpdate(Namespace oldObj, Namespace newObj) {
          // membership of the set is all that matters
        }

        @Override
        public void onDelete(Namespace obj, boolean unknown) {
          changed.run();
        }
      }, 0);
    }

    @Override
    public void stop() {
      SharedIndexInformer<Namespace> inf = informer;
      if (inf != null) {
        inf.stop();
      }
    }
  }
}
