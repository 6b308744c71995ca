package ai.litellm.operator.sharding;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.bench.ReplicaSet;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.DeploymentSimulator;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The sharding acceptance scenario, run against the embedded API server and the real control plane: replicas in one
 * JVM, one fake LiteLLM proxy per namespace, and an {@link OwnershipAudit} of every replica's holds. Steps:
 * spread over 2 → scale to 3 (only a fraction moves, only to the newcomer) → kill one (its namespaces move within
 * lease duration + a few seconds, a change made meanwhile is not lost) → cut one off from the API server (it stops
 * all work before the others take over) → final audit (no overlap, every call inside one hold, no model created
 * twice, everything Ready).
 */
public final class ShardingScenario implements AutoCloseable {
  public static final int NAMESPACES = 12;
  public static final int MODELS_PER_NAMESPACE = 5;
  /** Lease timings: production's (15/10/2 s) on a real API server; shorter, same proportions, on the embedded one. */
  public record Timings(Duration lease, Duration renewDeadline, Duration retry, Duration slack) {
    public static final Timings FAST = new Timings(Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofSeconds(12));
    public static final Timings PRODUCTION = new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  private final Duration lease;
  private final Duration renewDeadline;
  private final Duration slack;
  private final Timings timings;

  private final KubernetesClient client;
  private final Config kubeConfig;
  private final Vertx proxyVertx = Vertx.vertx();
  private final FakeProxyFleet proxies =
      new FakeProxyFleet(proxyVertx, FakeLiteLLMOptions::new).standingInForDeployments();
  private final DeploymentSimulator kubelet;
  private final OwnershipAudit audit = new OwnershipAudit();
  private final Map<OperatorProcess, CuttableLeaseStore> stores = new HashMap<>();
  private ReplicaSet replicas;
  private final List<String> namespaces = IntStream.range(0, NAMESPACES).mapToObj(i -> "shard-team-" + i).toList();

  public ShardingScenario(KubernetesClient client, Config kubeConfig, Timings timings) {
    this.timings = timings;
    this.lease = timings.lease();
    this.renewDeadline = timings.renewDeadline();
    this.slack = timings.slack();
    this.client = client;
    this.kubeConfig = kubeConfig;
    this.kubelet = new DeploymentSimulator(client, 200).start();
  }

  private OperatorConfig config() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.shardingMode = "ring";
    cfg.identity = "replica";
    cfg.leaseName = "litellm-operator";
    cfg.leaseDuration = timings.lease();
    cfg.renewDeadline = timings.renewDeadline();
    cfg.retryPeriod = timings.retry();
    cfg.shardDrainTimeout = Duration.ofSeconds(20);
    cfg.kubeThreads = 8;
    return cfg;
  }

  private OperatorProcess addReplica() {
    CuttableLeaseStore[] made = new CuttableLeaseStore[1];
    OperatorProcess p = replicas.add(store -> made[0] = new CuttableLeaseStore(store));
    stores.put(p, made[0]);
    audit.watch(p);
    return p;
  }

  public void run() {
    SandboxFixture.namespace(client, "default");
    replicas = ReplicaSet.start(config(), kubeConfig, proxies, 1);
    audit.watch(replicas.get(0));
    stores.put(replicas.get(0), null);
    addReplica();
    createFleet();
    allModelsReady(Duration.ofMinutes(5));
    Map<String, String> withTwo = ownersWhenStable(liveIds());
    System.out.println("[sharding] 2 replicas: " + replicas.ownership());

    // Scale 2 -> 3: the replicas settle on the ring's assignment (ownersWhenStable waits for exactly that), so what is
    // checked here is that the live handoff reaches it; the ring itself guarantees only the newcomer gains.
    OperatorProcess third = addReplica();
    String thirdId = id(third);
    Map<String, String> withThree = ownersWhenStable(liveIds());
    System.out.println("[sharding] 3 replicas: " + replicas.ownership());
    List<String> moved = namespaces.stream().filter(ns -> !withTwo.get(ns).equals(withThree.get(ns))).toList();
    assertTrue(moved.stream().allMatch(ns -> withThree.get(ns).equals(thirdId)), "moved only to the new replica: " + withTwo + " -> " + withThree);
    assertTrue(moved.size() < NAMESPACES, "scaling 2 -> 3 moved " + moved.size() + " of " + NAMESPACES);
    Set<String> used = new HashSet<>(withThree.values());
    assertEquals(3, used.size(), "objects spread across all three replicas: " + replicas.ownership());
    System.out.println("[sharding] scale 2->3 moved " + moved.size() + "/" + NAMESPACES);
    if (!moved.isEmpty()) {
      changeAndExpectSynced(moved.get(0), "m0", "openai/gpt-4o-mini");
    }

    // Kill one (not the newcomer): its namespaces move to the survivors within lease + slack; a change made
    // in one of them while nobody reconciles it is applied after the takeover.
    OperatorProcess victim = replicas.get(0);
    String victimId = id(victim);
    List<String> victims = namespaces.stream().filter(ns -> withThree.get(ns).equals(victimId)).toList();
    long killedAt = System.nanoTime();
    replicas.kill(victim);
    audit.killed(victim);
    String victimNs = victims.get(0);
    create(model(victimNs, "late", "openai/late"));
    Map<String, String> afterKill = ownersWhenStable(liveIds(), lease.plus(slack));
    double movedSeconds = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf("[sharding] killed %s: its %d namespaces moved in %.1f s (lease %s)%n", victimId, victims.size(),
        movedSeconds, lease);
    assertTrue(victims.stream().noneMatch(ns -> victimId.equals(afterKill.get(ns))));
    modelReady(victimNs, "late", Duration.ofMinutes(2));

    // Partition: cut a replica's Lease calls; it must stop all work before the others' view of its lease expires.
    OperatorProcess cutOff = replicas.replicas().stream().filter(p -> stores.get(p) != null).findFirst().orElseThrow();
    String cutId = id(cutOff);
    long cutAt = System.nanoTime();
    stores.get(cutOff).cut(true);
    NamespaceGate cutGate = cutOff.operator().gate();
    eventually("cut-off replica stops taking work", renewDeadline.plus(slack), () -> !cutGate.isActive()
        && cutGate.openNamespaces().isEmpty());
    double fencedSeconds = (System.nanoTime() - cutAt) / 1e9;
    // Reconciles already running make no LiteLLM call after the fence (sharding/DESIGN.md; FencedLiteLLMCallsIT), but one
    // may still finish a Kubernetes step on a loaded machine. The audit below proves none overlapped the new owner's work.
    eventually("cut-off replica's running reconciles finish", lease.plus(slack), () -> cutGate.inFlightTotal() == 0,
        () -> cutGate.inFlightTotal() + " in flight");
    Set<String> uncut = liveIds();
    uncut.remove(cutId);
    Map<String, String> afterCut = ownersWhenStable(uncut, lease.plus(slack).plus(slack));
    double takenSeconds = (System.nanoTime() - cutAt) / 1e9;
    System.out.printf("[sharding] cut %s off: fenced after %.1f s, namespaces taken over after %.1f s%n", cutId,
        fencedSeconds, takenSeconds);
    assertTrue(afterCut.values().stream().noneMatch(cutId::equals));
    assertTrue(fencedSeconds < lease.toSeconds(), "fenced within the lease duration: " + fencedSeconds);

    // Heal: the replica renews again and rejoins; the ring spreads out again.
    stores.get(cutOff).cut(false);
    ownersWhenStable(liveIds(), lease.plus(slack).plus(slack));
    allModelsReady(Duration.ofMinutes(2));
    verifyAudit();
  }

  private void verifyAudit() {
    assertEquals(List.of(), audit.overlaps(), "two replicas held one namespace at the same time");
    List<String> outside = new ArrayList<>();
    Map<String, Integer> creates = new HashMap<>();
    for (String ns : namespaces) {
      FakeLiteLLM proxy = proxies.proxy(ns, "proxy");
      for (RecordedCall call : proxy.calls()) {
        if (!call.path().startsWith("/model/") || "GET".equals(call.method())) {
          continue; // reads are harmless; writes must come from the namespace's holder
        }
        List<String> holders = audit.holdersAt(ns, call.time());
        if (holders.size() != 1) {
          outside.add(ns + " " + call.method() + " " + call.path() + " at " + call.time() + " holders " + holders);
        }
        if ("/model/new".equals(call.path()) && call.status() == 200) {
          String name = new JsonObject(call.bodySummary()).getString("model_name");
          creates.merge(ns + "/" + name, 1, Integer::sum);
        }
      }
    }
    assertEquals(List.of(), outside, "LiteLLM writes outside exactly one replica's hold");
    creates.forEach((k, n) -> assertEquals(1, n, k + " created " + n + " times"));
    assertEquals(NAMESPACES * MODELS_PER_NAMESPACE + 1, creates.size(), "every model created once: " + creates);
  }

  private void createFleet() {
    for (String ns : namespaces) {
      SandboxFixture.namespace(client, ns);
      create(SandboxFixture.instance(ns, "proxy"));
      for (int m = 0; m < MODELS_PER_NAMESPACE; m++) {
        create(model(ns, "m" + m, "openai/gpt-4o"));
      }
    }
  }

  /**
   * Creates, retrying a request that timed out on a loaded machine (it may have been stored anyway). The look that
   * checks for that may time out as well: the embedded API server stalls every request while it closes a watch
   * (EmbeddedApiServer's DESIGN note), and the replicas' namespace hand-offs close watches during this very phase.
   */
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void create(T obj) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resource(obj).create();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (storedAnyway(obj)) {
          return;
        }
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private boolean storedAnyway(io.fabric8.kubernetes.api.model.HasMetadata obj) {
    try {
      return client.resource(obj).get() != null;
    } catch (io.fabric8.kubernetes.client.KubernetesClientException stalledToo) {
      return false;
    }
  }

  private static Model model(String ns, String name, String provider) {
    return SandboxFixture.model(ns, name, "proxy", provider);
  }

  private void changeAndExpectSynced(String ns, String name, String provider) {
    Model m = client.resources(Model.class).inNamespace(ns).withName(name).get();
    m.getSpec().litellmParams.model = provider;
    client.resource(m).update();
    eventually("change of " + ns + "/" + name + " reaches LiteLLM", Duration.ofMinutes(2), () ->
        proxies.proxy(ns, "proxy").models().stream().anyMatch(j -> name.equals(j.getString("model_name"))
            && provider.equals(j.getJsonObject("litellm_params").getString("model"))));
  }

  private void allModelsReady(Duration timeout) {
    eventually("all Models Ready", timeout, () -> namespaces.stream().allMatch(ns ->
        client.resources(Model.class).inNamespace(ns).list().getItems().stream().allMatch(ShardingScenario::ready)),
        () -> "owned " + replicas.ownership() + "; not Ready: " + notReady());
  }

  /** Each Model not Ready with its Ready condition's reason and message: what a timeout must say. */
  private List<String> notReady() {
    List<String> out = new ArrayList<>();
    for (String ns : namespaces) {
      for (Model m : client.resources(Model.class).inNamespace(ns).list().getItems()) {
        if (!ready(m)) {
          String why = m.getStatus() == null ? "no status" : Conditions.find(m.getStatus().conditions, "Ready")
              .map(c -> c.getReason() + ": " + c.getMessage()).orElse("no Ready condition");
          out.add(ns + "/" + m.getMetadata().getName() + " " + why);
        }
      }
    }
    return out;
  }

  private void modelReady(String ns, String name, Duration timeout) {
    eventually(ns + "/" + name + " Ready", timeout,
        () -> ready(client.resources(Model.class).inNamespace(ns).withName(name).get()));
  }

  private static boolean ready(Model m) {
    return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
  }

  /** Waits until the ownership is the ring's assignment over {@code members}, each namespace held exactly once. */
  private Map<String, String> ownersWhenStable(Set<String> members) {
    return ownersWhenStable(members, Duration.ofMinutes(2));
  }

  /**
   * Waits until every namespace is held by exactly one replica and by the one the ring over {@code members} names.
   * "Each held once" alone is not a settled state: a replica still draining a namespace it must give up holds it, and a
   * snapshot taken then would blame the next step for a move that belongs to the last one.
   */
  private Map<String, String> ownersWhenStable(Set<String> members, Duration timeout) {
    Map<String, String> expected = new HashRing(members, config().virtualNodes).assign(namespaces);
    Map<String, String> owners = new HashMap<>();
    eventually("replicas " + members + " own all namespaces as the ring assigns them, each exactly once", timeout,
        () -> {
          owners.clear();
          for (var e : replicas.ownership().entrySet()) {
            for (String ns : e.getValue()) {
              if (owners.put(ns, e.getKey()) != null) {
                return false;
              }
            }
          }
          return namespaces.stream().allMatch(ns -> expected.get(ns).equals(owners.get(ns)));
        }, () -> "expected " + expected + ", owned " + replicas.ownership());
    Map<String, String> out = new HashMap<>();
    namespaces.forEach(ns -> out.put(ns, owners.get(ns)));
    return Map.copyOf(out);
  }

  private Set<String> liveIds() {
    Set<String> ids = new HashSet<>();
    replicas.replicas().forEach(p -> ids.add(id(p)));
    return ids;
  }

  private static String id(OperatorProcess p) {
    return p.operator().config().identity;
  }

  @Override
  public void close() {
    if (replicas != null) {
      replicas.close();
    }
    kubelet.close();
    try {
      proxies.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
    proxyVertx.close();
  }
}
