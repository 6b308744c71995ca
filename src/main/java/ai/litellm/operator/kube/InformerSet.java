package ai.litellm.operator.kube;

import ai.litellm.operator.api.SharingSerialization;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The informers of one kind: either one over all namespaces, or one per watched namespace, started and stopped at run
 * time (namespace sharding moves namespaces between replicas). Memory and API load follow the namespaces watched: a
 * replica never lists a namespace it does not own.
 */
public final class InformerSet<T extends HasMetadata> implements Cache<T> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InformerSet.class);
  private static final String ALL = "*";
  /**
   * Objects per page of an informer's (re)list, client-go's reflector default. One unpaged list of 50k Models on a busy
   * API server outlasted the 30 s request timeout again and again after a watch expired: the informer retried the
   * relist forever and the cache stopped following the cluster. Pages of 500 each answer in well under a second.
   */
  static final long LIST_PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final Class<T> type;
  private final Duration resync;
  private final ResourceEventHandler<T> handler;
  private final Map<String, String> labels;
  private final Map<String, SharedIndexInformer<T>> informers = new ConcurrentHashMap<>();
  private final OwnWrites<T> ownWrites = new OwnWrites<>();
  /** Informers that stopped without being asked to (namespace or "*" → why): their cache no longer follows. */
  private final Map<String, String> failed = new ConcurrentHashMap<>();
  private volatile Function<SharedIndexInformer<T>, ItemStore<T>> itemStore;
  private final Map<String, Function<T, List<String>>> indexers = new ConcurrentHashMap<>();
  private volatile long pageSize = LIST_PAGE_SIZE;
  private volatile boolean partialStore;

  public InformerSet(KubernetesClient client, Class<T> type, Duration resync, ResourceEventHandler<T> handler) {
    this(client, type, resync, handler, Map.of());
  }

  /** @param labels an equality label selector (owned objects carry the operator's labels) */
  public InformerSet(KubernetesClient client, Class<T> type, Duration resync, ResourceEventHandler<T> handler,
      Map<String, String> labels) {
    if (!SharingSerialization.decodesDirectly(type)) {
      // fabric8 would decode each event of it into a generic map and then convert that into the class
      throw new IllegalArgumentException(type.getName() + " is not among SharingSerialization.KINDS: add it there");
    }
    this.client = client;
    this.type = type;
    this.resync = resync;
    this.handler = new OwnWritesFirst(handler);
    this.labels = labels;
  }

  /**
   * As the constructor, for a handler that needs to know whether the set has listed everything yet (the publisher
   * classifies the initial list as resync): it gets this set's {@link #hasSynced}, with no reference to fill in later.
   */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> InformerSet<T> create(KubernetesClient client, Class<T> type, Duration resync,
      Map<String, String> labels, Function<BooleanSupplier, ResourceEventHandler<T>> handlerFor) {
    InformerSet<T>[] self = new InformerSet[1];
    InformerSet<T> set = new InformerSet<>(client, type, resync, handlerFor.apply(() -> self[0].hasSynced()), labels);
    self[0] = set;
    return set;
  }

  /**
   * Records an object as this operator's write left it (the resourceVersion the API server returned): reads answer
   * with it until the informer shows our write or a newer one (read-your-own-writes, see {@link OwnWrites}).
   *
   * @param basedOn the object the write was computed from
   */
  public void wrote(T basedOn, T written) {
    ownWrites.wrote(basedOn, written);
  }

  /**
   * Caches objects without {@code metadata.managedFields} (see {@link LeanItemStore}): for kinds that are not this API's
   * and whose field ownership the controllers never read. Call before starting.
   */
  public InformerSet<T> withoutManagedFields() {
    this.itemStore = informer -> new LeanItemStore<>();
    return this;
  }

  /**
   * Stores each informer's objects in a store of the caller's, made per informer before it runs, that may keep only
   * some objects (see {@link SecretVersions}). fabric8's namespace index is dropped: it would hold the key of every
   * object listed, kept or not. Call before starting.
   */
  public InformerSet<T> keptIn(Function<SharedIndexInformer<T>, ItemStore<T>> store) {
    this.itemStore = store;
    this.partialStore = true;
    return this;
  }

  /**
   * Adds an index over the cached objects (fabric8 indexers), looked up with {@link #indexKeys}, e.g. Models by the
   * Secrets they reference. Call before starting.
   */
  public InformerSet<T> withIndex(String name, Function<T, List<String>> keys) {
    indexers.put(name, keys);
    return this;
  }

  /** Objects per page of a list (default {@link #LIST_PAGE_SIZE}), smaller for kinds with large objects. */
  public InformerSet<T> withPageSize(long objects) {
    this.pageSize = objects;
    return this;
  }

  /** Watches every namespace with one informer. Blocking until the initial list is in: call off the event loop. */
  public void startAllNamespaces() {
    run(ALL, () -> client.resources(type).inAnyNamespace().withLabels(labels).withLimit(pageSize)
        .runnableInformer(resync.toMillis()));
  }

  /** Watches one namespace (idempotent). Blocking until its initial list is in: call off the event loop. */
  public void start(String namespace) {
    run(namespace,
        () -> client.resources(type).inNamespace(namespace).withLabels(labels).withLimit(pageSize)
        .runnableInformer(resync.toMillis()));
  }

  /**
   * Registers the informer before running it. Its first events (the initial list) start reconciles that read this
   * cache at once; while the informer was not registered yet the cache answered "absent" for every existing object,
   * so a restarted operator dropped them all until the next resync.
   */
  private void run(String key, Supplier<SharedIndexInformer<T>> create) {
    if (informers.containsKey(key)) {
      return;
    }
    SharedIndexInformer<T> informer = create.get(); // not started yet: no I/O
    if (itemStore != null) {
      informer.itemStore(itemStore.apply(informer));
    }
    if (partialStore) {
      informer.removeNamespaceIndex();
    }
    if (!indexers.isEmpty()) {
      informer.addIndexers(Map.copyOf(indexers));
    }
    if (informers.putIfAbsent(key, informer) != null) {
      return;
    }
    informer.addEventHandler(handler);
    try {
      informer.run();
    } catch (RuntimeException e) {
      informers.remove(key, informer);
      informer.stop();
      throw e;
    }
    failed.remove(key);
    informer.stopped().whenComplete((v, err) -> {
      // stop() removes the informer from the map first: anything else is an informer that gave up on its own (e.g. a
      // watch event it could not read), after which its cache silently stops following the cluster.
      if (informers.remove(key, informer)) {
        String why = err == null ? "stopped" : String.valueOf(err.getCause() != null ? err.getCause() : err);
        failed.put(key, why);
        LOG.error("{} informer for {} stopped watching: {}; its objects are no longer reconciled (see /readyz)",
            type.getSimpleName(), ALL.equals(key) ? "all namespaces" : "namespace " + key, why);
      }
    });
  }

  /** Whether every informer started is still watching (none stopped on its own). */
  public boolean allWatching() {
    return failed.isEmpty();
  }

  /** Informers that stopped on their own, by namespace ("*" for all namespaces), with the reason. */
  public Map<String, String> stoppedInformers() {
    return Map.copyOf(failed);
  }

  /** Stops watching a namespace; its objects leave the cache without delete events. */
  public void stop(String namespace) {
    SharedIndexInformer<T> inf = informers.remove(namespace);
    if (inf != null) {
      inf.stop();
    }
    if (ALL.equals(namespace)) {
      ownWrites.clear();
    } else {
      ownWrites.forgetNamespace(namespace);
    }
  }

  /** Whether {@code namespace} is watched, by its own informer or one over all namespaces. */
  public boolean watches(String namespace) {
    return informers.containsKey(namespace) || informers.containsKey(ALL);
  }

  public Set<String> namespaces() {
    return Set.copyOf(informers.keySet());
  }

  public void stopAll() {
    informers.keySet().forEach(this::stop);
  }

  /** The latest object: the informer's, or this operator's own newer write of it (read-your-own-writes). */
  @Override
  public T get(String namespace, String name) {
    SharedIndexInformer<T> inf = informers.get(namespace);
    if (inf == null) {
      inf = informers.get(ALL);
    }
    String key = namespace + "/" + name;
    return ownWrites.read(key, inf == null ? null : inf.getStore().getByKey(key));
  }

  @Override
  public List<T> list() {
    List<T> out = new ArrayList<>();
    informers.values().forEach(inf -> out.addAll(inf.getStore().list()));
    return out;
  }

  /** Objects in one namespace. */
  public List<T> list(String namespace) {
    SharedIndexInformer<T> inf = informers.get(namespace);
    if (inf != null) {
      return inf.getStore().list();
    }
    SharedIndexInformer<T> all = informers.get(ALL);
    return all == null ? List.of()
        : all.getStore().list().stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
  }

  /**
   * Keys ("namespace/name") of the cached objects whose index {@code name} holds {@code key}, over every informer of
   * the set (an object in one namespace may point into another).
   */
  public List<String> indexKeys(String name, String key) {
    List<String> out = new ArrayList<>();
    informers.values().forEach(inf -> out.addAll(inf.getIndexer().indexKeys(name, key)));
    return out;
  }

  @Override
  public boolean hasSynced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  public int size() {
    return informers.values().stream().mapToInt(i -> i.getStore().listKeys().size()).sum();
  }

  /** Own writes not yet seen by the informer (tests, memory gauges). */
  public int pendingOwnWrites() {
    return ownWrites.size();
  }

  /** Lets the own-writes overlay see every informer event before the controller's handler publishes it. */
  private final class OwnWritesFirst implements ResourceEventHandler<T> {
    private final ResourceEventHandler<T> next;

    OwnWritesFirst(ResourceEventHandler<T> next) {
      this.next = next;
    }

    @Override
    public void onAdd(T obj) {
      ownWrites.observed(obj);
      next.onAdd(obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      ownWrites.observed(newObj);
      next.onUpdate(oldObj, newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      ownWrites.deleted(obj);
      next.onDelete(obj, deletedFinalStateUnknown);
    }
  }
}
