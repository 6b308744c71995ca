package ai.litellm.operator.bench;

import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.sharding.LeaseStore;
import io.fabric8.kubernetes.client.Config;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * N operator replicas in one JVM against one API server, for `bench models --replicas N` and the sharding tests.
 * Each replica is a whole {@link OperatorProcess} (its own Vert.x, client, registry, informers) with identity
 * {@code <identity>-<i>}; with more than one replica they shard by namespace on a Lease ring, with one they run as
 * configured. Replicas can be added (scale out), stopped cleanly (scale in) or killed (crash).
 */
public final class ReplicaSet implements AutoCloseable {
  private final OperatorConfig template;
  private final Config kubeConfig;
  private final InstanceEndpoints endpoints;
  private final List<OperatorProcess> replicas = Collections.synchronizedList(new ArrayList<>());
  private int started;

  private ReplicaSet(OperatorConfig template, Config kubeConfig, InstanceEndpoints endpoints) {
    this.template = template;
    this.kubeConfig = kubeConfig;
    this.endpoints = endpoints;
  }

  /**
   * Starts {@code n} replicas one after another. With {@code n > 1} and no sharding mode set, ring sharding is turned
   * on (the point of several replicas); management ports are picked free.
   */
  public static ReplicaSet start(OperatorConfig template, Config kubeConfig, InstanceEndpoints endpoints, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("replicas must be >= 1");
    }
    OperatorConfig t = template.copy();
    if (n > 1 && "none".equals(t.shardingMode)) {
      t.shardingMode = "ring";
    }
    t.managementPort = 0;
    ReplicaSet set = new ReplicaSet(t, kubeConfig, endpoints);
    try {
      for (int i = 0; i < n; i++) {
        set.add();
      }
    } catch (RuntimeException e) {
      set.close();
      throw e;
    }
    return set;
  }

  /** Starts one more replica. */
  public OperatorProcess add() {
    return add(UnaryOperator.identity());
  }

  /** Starts one more replica whose Lease store is wrapped (tests cut it off from the API server with it). */
  public synchronized OperatorProcess add(UnaryOperator<LeaseStore> leaseStores) {
    OperatorConfig cfg = template.copy();
    cfg.identity = template.identity + "-" + started++;
    OperatorProcess p = OperatorProcess.start(cfg, kubeConfig, endpoints, leaseStores);
    replicas.add(p);
    return p;
  }

  /** The live replicas, oldest first. */
  public List<OperatorProcess> replicas() {
    synchronized (replicas) {
      return List.copyOf(replicas);
    }
  }

  public OperatorProcess get(int i) {
    return replicas().get(i);
  }

  /** Crash: the replica vanishes without releasing anything. */
  public void kill(OperatorProcess p) {
    replicas.remove(p);
    p.kill();
  }

  /** Clean scale-in: the replica drains and hands its namespaces over. */
  public void stop(OperatorProcess p) {
    replicas.remove(p);
    p.close();
  }

  /** Namespaces reconciled now, by replica identity. */
  public Map<String, List<String>> ownership() {
    Map<String, List<String>> out = new TreeMap<>();
    for (OperatorProcess p : replicas()) {
      out.put(p.operator().config().identity,
          p.operator().gate().openNamespaces().stream().sorted().toList());
    }
    return out;
  }

  /** Heap used by the JVM now (all replicas share it; benchmarks divide or measure one replica per JVM). */
  public static long heapUsedBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Override
  public void close() {
    for (OperatorProcess p : replicas()) {
      p.close();
    }
    replicas.clear();
  }
}
